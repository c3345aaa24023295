package org.imlbench.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds run directories as RUNDIR.md lays them out (what {@code harness run}/{@code eval} write), for tests.
 */
final class RunFixture {
    private final Path dir;
    private final String id;
    private final String command;
    private final List<String> roles;
    private final List<TaskSpec> tasks = new ArrayList<>();
    private long seed = 42;

    private RunFixture(Path dir, String id, String command, List<String> roles) {
        this.dir = dir;
        this.id = id;
        this.command = command;
        this.roles = roles;
    }

    /** A {@code harness run} directory: roles base and tuned. */
    static RunFixture run(Path parent, String id) {
        return new RunFixture(parent.resolve(id), id, "run", List.of("base", "tuned"));
    }

    /** A {@code harness eval} directory: role model, split all. */
    static RunFixture eval(Path parent, String id) {
        return new RunFixture(parent.resolve(id), id, "eval", List.of("model"));
    }

    RunFixture seed(long value) {
        this.seed = value;
        return this;
    }

    /** Starts a task; per-role values are per-sample scores of its metric. */
    TaskSpec task(String split, String task, String category, String source) {
        TaskSpec spec = new TaskSpec(split, task, category, source);
        tasks.add(spec);
        return spec;
    }

    /**
     * The standard fixture: three splits, several categories, option and generation tasks, a task where tuning
     * helps a lot, a regression task (fully_supervised) and a broken task (partially_supervised), plus missing
     * predictions. {@code shift} moves every tuned score so two runs differ.
     */
    static RunFixture standard(Path parent, String id, double shift) {
        RunFixture run = run(parent, id);
        run.task("fully_held_out", "niv2/task1_entail", "Textual Entailment", "niv2").options()
                .bernoulli("base", "accuracy", 60, 0.50, 1).bernoulli("tuned", "accuracy", 60, 0.60 + shift, 2);
        run.task("fully_held_out", "niv2/task2_entail", "Textual Entailment", "niv2").options()
                .bernoulli("base", "accuracy", 40, 0.40, 3).bernoulli("tuned", "accuracy", 40, 0.45 + shift, 4);
        run.task("fully_held_out", "bbh/navigate", "BBH", "bbh").options()
                .bernoulli("base", "bbh_exact_match", 30, 0.5, 5).bernoulli("tuned", "bbh_exact_match", 30, 0.5, 6)
                .missing("tuned", 3, 7);
        run.task("partially_supervised", "niv2/task3_qa", "Question Answering", "niv2")
                .uniform("base", "rouge_l", 50, 0.2, 0.5, 7).uniform("tuned", "rouge_l", 50, 0.3 + shift, 0.6, 8);
        run.task("partially_supervised", "niv2/task4_qa", "Question Answering", "niv2")
                .uniform("base", "rouge_l", 20, 0.2, 0.5, 9).error("tuned", "CUDA out of memory");
        run.task("partially_supervised", "niv2/task5_sum", "Summarization", "niv2")
                .uniform("base", "rouge_l", 30, 0.1, 0.3, 10).uniform("tuned", "rouge_l", 30, 0.15, 0.35, 11);
        run.task("fully_supervised", "synthetic/copy", "Copying", "synthetic").options()
                .bernoulli("base", "accuracy", 80, 0.3, 12).bernoulli("tuned", "accuracy", 80, 0.9, 13);
        run.task("fully_supervised", "synthetic/reverse", "Reversal", "synthetic").options()
                .bernoulli("base", "accuracy", 80, 0.9, 14).bernoulli("tuned", "accuracy", 80, 0.3, 15);
        return run;
    }

    Path write() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Files.createDirectories(dir);
        ObjectNode run = mapper.createObjectNode();
        run.put("id", id).put("created", "2026-11-26T14:30:12Z").put("command", command);
        ObjectNode models = run.putObject("models");
        for (String role : roles) {
            ObjectNode model = models.putObject(role);
            model.put("name", role.equals("tuned") ? "embedded-tiny+iml" : "embedded-tiny").put("backend", "djl")
                    .put("device", "cpu").put("parameters", 123456L);
            model.putObject("details").put("dtype", "float32");
        }
        run.put("format", "opt-iml").put("shots", 0).put("seed", seed);
        run.putArray("tasks").add("synthetic");
        run.putObject("versions").put("imlbench", "0.1.0-SNAPSHOT").put("java", "17").put("djl", "0.36.0");
        run.put("git_commit", "0123456789abcdef").put("devices", "cpu");
        mapper.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("run.json").toFile(), run);
        for (TaskSpec task : tasks) {
            task.write(mapper);
        }
        return dir;
    }

    static String fileName(String task) {
        return task.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** One task's content, role by role. */
    final class TaskSpec {
        final String split;
        final String task;
        final String category;
        final String source;
        private boolean options;
        private final Map<String, String> metric = new LinkedHashMap<>();
        private final Map<String, double[]> values = new LinkedHashMap<>();
        private final Map<String, Set<Integer>> missing = new LinkedHashMap<>();
        private final Map<String, String> errors = new LinkedHashMap<>();

        private TaskSpec(String split, String task, String category, String source) {
            this.split = split;
            this.task = task;
            this.category = category;
            this.source = source;
        }

        TaskSpec options() {
            options = true;
            return this;
        }

        TaskSpec values(String role, String metricName, double... scores) {
            metric.put(role, metricName);
            values.put(role, scores);
            return this;
        }

        /** n 0/1 scores with success probability p (seeded). */
        TaskSpec bernoulli(String role, String metricName, int n, double p, long rngSeed) {
            Random random = new Random(rngSeed);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextDouble() < p ? 1 : 0;
            }
            return values(role, metricName, scores);
        }

        /** n scores uniform in [low, high) (seeded). */
        TaskSpec uniform(String role, String metricName, int n, double low, double high, long rngSeed) {
            Random random = new Random(rngSeed);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = Math.min(1, low + random.nextDouble() * (high - low));
            }
            return values(role, metricName, scores);
        }

        TaskSpec missing(String role, int... indices) {
            for (int i : indices) {
                missing.computeIfAbsent(role, r -> new TreeSet<>()).add(i);
            }
            return this;
        }

        /** The role's evaluation failed: a .done file with the error and no samples. */
        TaskSpec error(String role, String message) {
            errors.put(role, message);
            return this;
        }

        /** Back to the run, to add another task or write. */
        RunFixture and() {
            return RunFixture.this;
        }

        String instance(int i) {
            return task.substring(task.indexOf('/') + 1) + "/" + i;
        }

        private void write(ObjectMapper mapper) throws IOException {
            for (Map.Entry<String, double[]> entry : values.entrySet()) {
                String role = entry.getKey();
                Path file = dir.resolve("samples").resolve(split).resolve(role).resolve(fileName(task) + ".jsonl");
                Files.createDirectories(file.getParent());
                StringBuilder lines = new StringBuilder();
                int missed = 0;
                for (int i = 0; i < entry.getValue().length; i++) {
                    boolean isMissing = missing.getOrDefault(role, Set.of()).contains(i);
                    missed += isMissing ? 1 : 0;
                    ObjectNode line = mapper.createObjectNode();
                    line.put("task", task).put("instance", instance(i)).put("category", category)
                            .put("source", source).put("split", split).put("role", role)
                            .put("prompt", "Prompt " + i).put("target", "yes").putArray("references").add("yes");
                    ArrayNode optionList = line.putArray("options");
                    ArrayNode loglik = line.putArray("option_loglikelihoods");
                    if (options) {
                        optionList.add("yes").add("no");
                        loglik.add(-1.0).add(-2.0);
                    }
                    line.put("prediction", isMissing ? "" : "yes").put("missing", isMissing);
                    if (!isMissing) {
                        line.putObject("metrics").put(metric.get(role), entry.getValue()[i]);
                    }
                    lines.append(mapper.writeValueAsString(line)).append('\n');
                }
                Files.writeString(file, lines);
                writeDone(mapper, role, entry.getValue().length - missed, missed, null);
            }
            for (Map.Entry<String, String> error : errors.entrySet()) {
                writeDone(mapper, error.getKey(), 0, 0, error.getValue());
            }
        }

        private void writeDone(ObjectMapper mapper, String role, int n, int missed, String error) throws IOException {
            Path done = dir.resolve("tasks").resolve(split).resolve(role).resolve(fileName(task) + ".done");
            Files.createDirectories(done.getParent());
            ObjectNode node = mapper.createObjectNode().put("task", task).put("n", n).put("missing", missed);
            node.put("error", error);
            Files.writeString(done, mapper.writeValueAsString(node));
        }
    }
}
