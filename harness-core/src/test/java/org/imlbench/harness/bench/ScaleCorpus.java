package org.imlbench.harness.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic corpus in the Super-NaturalInstructions layout, at the scale of OPT-IML Bench, for
 * {@code bench/scale_tasks.sh}: {@code DIR/tasks/taskNNNNN_scale_*.json} (indented as the real files are, every tenth
 * with the real files' {@code "URL": [NaN]}) and {@code DIR/splits/default/{train,test,excluded}_tasks.txt}. Tasks
 * are spread over 60 categories, six of them the ones the {@code niv2} split spec holds out; inputs and outputs are
 * random words, so every input is distinct and 13-grams rarely repeat. The same arguments give the same bytes.
 *
 * <p>It uses nothing but the JDK, so that the bench script runs it straight from source:
 * {@code java harness-core/src/test/java/org/imlbench/harness/bench/ScaleCorpus.java DIR --tasks 1600 --instances
 * 3000}.
 */
public final class ScaleCorpus {
    private static final String[] HELD_OUT_CATEGORIES = {"Textual Entailment", "Coreference Resolution",
        "Dialogue Act Recognition", "Cause Effect Classification", "Word Analogy", "Answerability Classification"};
    private static final int CATEGORIES = 60;

    /**
     * The corpus's shape.
     *
     * @param tasks how many task files
     * @param instances instances per task
     * @param inputWords words per instance input
     * @param outputWords words per instance output
     * @param seed the random seed
     */
    public record Shape(int tasks, int instances, int inputWords, int outputWords, long seed) {
        /** Checks the ranges. */
        public Shape {
            if (tasks < 1 || instances < 1 || inputWords < 1 || outputWords < 1) {
                throw new IllegalArgumentException("every count must be >= 1");
            }
        }
    }

    private final Shape shape;
    private final String[] vocabulary;

    /** @param shape what to write */
    public ScaleCorpus(Shape shape) {
        this.shape = shape;
        Random random = new Random(shape.seed());
        vocabulary = new String[4096];
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder word = new StringBuilder();
            int length = 2 + random.nextInt(8);
            for (int c = 0; c < length; c++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            vocabulary[i] = word.toString();
        }
    }

    /**
     * @param args {@code DIR [--tasks N] [--instances N] [--input-words N] [--output-words N] [--seed N]}
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("--")) {
            System.err.println("usage: ScaleCorpus DIR [--tasks 1600] [--instances 3000] [--input-words 50] "
                    + "[--output-words 4] [--seed 1]");
            System.exit(2);
        }
        int tasks = 1600;
        int instances = 3000;
        int inputWords = 50;
        int outputWords = 4;
        long seed = 1;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tasks" -> tasks = Integer.parseInt(args[i + 1]);
                case "--instances" -> instances = Integer.parseInt(args[i + 1]);
                case "--input-words" -> inputWords = Integer.parseInt(args[i + 1]);
                case "--output-words" -> outputWords = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new ScaleCorpus(new Shape(tasks, instances, inputWords, outputWords, seed)).write(Path.of(args[0]));
    }

    /**
     * Writes the corpus.
     *
     * @param dir the corpus folder (created)
     * @throws IOException when writing fails
     */
    public void write(Path dir) throws IOException {
        Path tasksDir = Files.createDirectories(dir.resolve("tasks"));
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (int t = 0; t < shape.tasks(); t++) {
            String name = String.format("task%05d_scale_%s", t, category(t).toLowerCase().replace(' ', '_'));
            // about the official split lists' proportions: 119 test and some excluded among 1,600
            (t % 13 == 5 ? test : t % 17 == 3 ? excluded : train).add(name);
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(tasksDir.resolve(name + ".json"),
                    StandardCharsets.UTF_8), 1 << 16)) {
                writeTask(out, t);
            }
        }
        Path splits = Files.createDirectories(dir.resolve("splits").resolve("default"));
        Files.write(splits.resolve("train_tasks.txt"), train);
        Files.write(splits.resolve("test_tasks.txt"), test);
        Files.write(splits.resolve("excluded_tasks.txt"), excluded);
    }

    private static String category(int task) {
        int c = task % CATEGORIES;
        return c < HELD_OUT_CATEGORIES.length ? HELD_OUT_CATEGORIES[c] : "Scale Category " + c;
    }

    private void writeTask(Writer out, int task) throws IOException {
        Random random = new Random(shape.seed() * 1_000_003L + task);
        out.write("{\n");
        field(out, "Contributors", "[\n        \"imlbench scale corpus\"\n    ]");
        field(out, "Source", "[\n        \"synthetic\"\n    ]");
        field(out, "URL", task % 10 == 0 ? "[\n        NaN\n    ]" : "[\n        \"https://example.org/\"\n    ]");
        field(out, "Categories", "[\n        " + quote(category(task)) + "\n    ]");
        field(out, "Definition", "[\n        " + quote("Answer with the words that follow from the input, "
                + "task " + task + ". " + words(random, 12)) + "\n    ]");
        field(out, "Input_language", "[\n        \"English\"\n    ]");
        field(out, "Positive Examples", "[\n" + example(random) + ",\n" + example(random) + "\n    ]");
        field(out, "Negative Examples", "[\n" + example(random) + "\n    ]");
        out.write("    \"Instances\": [\n");
        for (int i = 0; i < shape.instances(); i++) {
            out.write("        {\n            \"id\": \"task");
            out.write(Integer.toString(task));
            out.write('-');
            out.write(Long.toHexString(random.nextLong() | Long.MIN_VALUE));
            out.write("\",\n            \"input\": ");
            out.write(quote(words(random, shape.inputWords())));
            out.write(",\n            \"output\": [\n                ");
            out.write(quote(words(random, shape.outputWords())));
            out.write("\n            ]\n        }");
            out.write(i + 1 < shape.instances() ? ",\n" : "\n");
        }
        out.write("    ],\n");
        out.write("    \"Instance License\": [\n        \"Unknown\"\n    ]\n}\n");
    }

    private String example(Random random) {
        return "        {\n            \"input\": " + quote(words(random, shape.inputWords()))
                + ",\n            \"output\": " + quote(words(random, shape.outputWords()))
                + ",\n            \"explanation\": \"It follows.\"\n        }";
    }

    private static void field(Writer out, String name, String value) throws IOException {
        out.write("    ");
        out.write(quote(name));
        out.write(": ");
        out.write(value);
        out.write(",\n");
    }

    private String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < count; w++) {
            text.append(w == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return text.toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
