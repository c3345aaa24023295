package org.imlbench.tasks;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.imlbench.api.Instance;
import org.imlbench.api.Options;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.tasks.bbh.BbhTaskProvider;
import org.imlbench.tasks.csv.CsvTaskProvider;
import org.imlbench.tasks.niv2.Niv2TaskProvider;
import org.imlbench.testkit.FuzzParts;
import org.imlbench.testkit.LoadedSuite;
import org.imlbench.testkit.ParserContract;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz targets for the task files of the built-in task sources, read as {@code --tasks KIND=DIR} reads them (through
 * the provider's streaming {@code read}): a Super-NaturalInstructions task file (with split lists naming it), a
 * BIG-Bench Hard task file with its chain-of-thought prompt, and a CSV task with its sidecar. An input gives exactly
 * one task with at least one instance, or a {@link TaskLoadException} naming the file; nothing else escapes.
 *
 * <p>Without {@code JAZZER_FUZZ} (as in {@code ./mvnw verify}) each target runs once on every committed input in
 * {@code src/test/resources/org/imlbench/tasks/TaskFilesFuzzTestInputs/<target>/} and on the seeds below, cut at test
 * time from the shared NIv2 and BBH data; {@code bench/fuzz.sh} fuzzes them.
 */
class TaskFilesFuzzTest {
    /** Instances (and examples) kept from a real task file for a seed: enough for every code path, and small. */
    private static final int KEEP = 3;
    /** Reads and writes NIv2's {@code "URL": [NaN]} as it is. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    @TempDir
    Path dir;

    /** Input: a task file {@code tasks/task001_fuzz.json}; the default split lists put it in the test split. */
    @MethodSource("niv2Seeds")
    @FuzzTest
    @Timeout(60)
    void niv2(byte[] input) throws IOException {
        Path tasks = Files.createDirectories(dir.resolve("tasks"));
        Path splits = Files.createDirectories(dir.resolve("splits/default"));
        Files.writeString(splits.resolve("test_tasks.txt"), "task001_fuzz\n");
        Path file = tasks.resolve("task001_fuzz.json");
        Files.write(file, input);
        readsOneTask(new Niv2TaskProvider(), dir, file, input.length);
    }

    /** Input: a task file {@code bbh/fuzz.json}, NUL, its chain-of-thought prompt {@code cot-prompts/fuzz.txt}. */
    @MethodSource("bbhSeeds")
    @FuzzTest
    @Timeout(60)
    void bbh(byte[] input) throws IOException {
        List<byte[]> parts = FuzzParts.split(input, 2);
        Path file = Files.createDirectories(dir.resolve("bbh")).resolve("fuzz.json");
        Files.write(file, parts.get(0));
        Files.write(Files.createDirectories(dir.resolve("cot-prompts")).resolve("fuzz.txt"), parts.get(1));
        // an error about either file names the folder both are in
        readsOneTask(new BbhTaskProvider(), dir, dir, input.length);
    }

    /** Input: a CSV task {@code fuzz.csv}, then, after a NUL, its sidecar {@code fuzz.csv.json} (none without one). */
    @MethodSource("csvSeeds")
    @FuzzTest
    @Timeout(60)
    void csv(byte[] input) throws IOException {
        List<byte[]> parts = FuzzParts.split(input, 2);
        Path file = dir.resolve("fuzz.csv");
        Path sidecar = dir.resolve("fuzz.csv.json");
        Files.write(file, parts.get(0));
        Files.deleteIfExists(sidecar);
        if (parts.get(0).length < input.length) {
            Files.write(sidecar, parts.get(1));
        }
        readsOneTask(new CsvTaskProvider(), file, dir, input.length);
    }

    /** Reads {@code --tasks KIND=path} and checks the contract and what an accepted task must be. */
    private static void readsOneTask(TaskCategoryProvider provider, Path path, Path named, long inputBytes) {
        TaskSource source = new TaskSource(provider.name(), Optional.of(path), 0, false, Options.empty());
        ParserContract.of(TaskLoadException.class, named.toString()).check(inputBytes, () -> {
            LoadedSuite suite = LoadedSuite.read(provider, source);
            if (suite.tasks().size() != 1 || !suite.problems().isEmpty()) {
                throw new AssertionError("one task file gave " + suite.tasks().size() + " tasks and problems "
                        + suite.problems());
            }
            Task task = suite.tasks().get(0);
            if (task.instances().isEmpty() || task.category().isBlank()) {
                throw new AssertionError("accepted a task without instances or category: " + task.id());
            }
            for (Instance instance : task.instances()) {
                if (instance.references().isEmpty()) {
                    throw new AssertionError(task.id() + ": instance " + instance.id() + " has no reference");
                }
            }
        });
    }

    /** The first shared NIv2 task files, each cut to its first instances and examples. */
    static List<byte[]> niv2Seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        Optional<Path> tasks = SharedData.dataIfPresent("niv2/tasks");
        if (tasks.isEmpty()) {
            return seeds;
        }
        for (Path file : sharedFiles(tasks.get(), ".json", 3)) {
            ObjectNode task = (ObjectNode) JSON.readTree(file.toFile());
            for (String field : List.of("Instances", "Positive Examples", "Negative Examples")) {
                if (task.get(field) instanceof ArrayNode list) {
                    while (list.size() > KEEP) {
                        list.remove(list.size() - 1);
                    }
                }
            }
            seeds.add(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(task));
        }
        return seeds;
    }

    /** The first shared BBH task files, cut to their first examples, each with its chain-of-thought prompt. */
    static List<byte[]> bbhSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (BbhTask task : BbhTask.shared(3)) {
            seeds.add(FuzzParts.join(JSON.writeValueAsString(task.json()), task.prompt()));
        }
        return seeds;
    }

    /**
     * CSV tasks made from the shared BBH tasks (multi-line inputs with quotes and commas, lettered options), with a
     * header comment, and the same with a sidecar holding the prompt's description as the instruction.
     */
    static List<byte[]> csvSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (BbhTask task : BbhTask.shared(2)) {
            StringWriter csv = new StringWriter();
            csv.write("# name: " + task.stem() + "\n# category: BIG-Bench Hard\n");
            try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.RFC4180)) {
                printer.printRecord("id", "input", "output", "options");
                int row = 0;
                for (JsonNode example : task.json().get("examples")) {
                    String target = example.get("target").asText();
                    List<String> letters = example.get("input").asText().lines()
                            .filter(l -> l.matches("\\([A-Z]\\) .*")).map(l -> l.substring(0, 3)).toList();
                    String options = letters.contains(target) ? String.join("|", letters) : "";
                    printer.printRecord(task.stem() + "-" + row++, example.get("input").asText(), target, options);
                }
            }
            seeds.add(csv.toString().getBytes(StandardCharsets.UTF_8));
            String description = task.prompt().lines().filter(l -> !l.isBlank() && !l.startsWith("BENCHMARK")
                    && !l.startsWith("-----")).findFirst().orElse("");
            ObjectNode sidecar = JSON.createObjectNode().put("instruction", description);
            seeds.add(FuzzParts.join(csv.toString(), sidecar.toString()));
        }
        return seeds;
    }

    /** A shared BBH task cut to its first examples, with its prompt file's text. */
    private record BbhTask(String stem, ObjectNode json, String prompt) {
        static List<BbhTask> shared(int count) throws IOException {
            List<BbhTask> out = new ArrayList<>();
            Optional<Path> root = SharedData.dataIfPresent("bbh");
            if (root.isEmpty()) {
                return out;
            }
            for (Path file : sharedFiles(root.get().resolve("bbh"), ".json", count)) {
                String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
                ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
                ArrayNode examples = (ArrayNode) json.get("examples");
                while (examples.size() > KEEP) {
                    examples.remove(examples.size() - 1);
                }
                Path prompt = root.get().resolve("cot-prompts").resolve(stem + ".txt");
                out.add(new BbhTask(stem, json, Files.isRegularFile(prompt) ? Files.readString(prompt) : ""));
            }
            return out;
        }
    }

    private static List<Path> sharedFiles(Path folder, String suffix, int count) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().limit(count).toList();
        }
    }
}
