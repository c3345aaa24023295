package org.imlbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.harness.cli.Main;
import org.imlbench.harness.splits.TestData;
import org.imlbench.harness.tasks.LoadedTasks;
import org.imlbench.rundir.RunLayout;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code harness eval} end to end through the real pipeline, with the {@code replay} backend so that the expected
 * scores are known exactly: a prediction equal to the reference scores 1, a wrong one 0, an absent one is missing.
 */
class EvalPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome harness(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), tmp).run(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every task of the sources with all its instances. */
    private static List<Task> load(long seed, String... args) throws Exception {
        try (LoadedTasks loaded = TestData.load(seed, args)) {
            return TestData.tasks(loaded);
        }
    }

    /**
     * Writes right answers for the first instances of every task, a wrong one for each task's second, none for its
     * third.
     */
    private Path predictions(List<Task> catalog, int perTask) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Task task : catalog) {
            for (int i = 0; i < Math.min(perTask, task.instances().size()); i++) {
                Instance instance = task.instances().get(i);
                if (i == 2) {
                    continue;
                }
                String prediction = i == 1 ? "certainly not the answer" : instance.references().get(0);
                lines.add(JSON.writeValueAsString(Map.of("task", task.id(), "instance", instance.id(),
                        "prediction", prediction)));
            }
        }
        Path file = tmp.resolve("predictions.jsonl");
        Files.write(file, lines);
        return file;
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.toList();
            assertEquals(1, all.size(), "one run directory: " + all);
            return all.get(0);
        }
    }

    private static List<JsonNode> samples(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void replayedPredictionsAreScoredAndMissingOnesCounted() throws Exception {
        List<Task> catalog = load(1, "synthetic");
        Path file = predictions(catalog, 5);
        Outcome result = harness("eval", "--backend", "replay", "--predictions", file.toString(), "--limit", "5",
                "--out", "runs", "--no-html", "--quiet");
        assertEquals(0, result.code(), result.err());
        Path run = onlyRun(tmp.resolve("runs"));

        for (Task task : catalog) {
            Path samplesFile = run.resolve("samples/all/model/" + RunLayout.taskFileStem(task.id()) + ".jsonl");
            List<JsonNode> lines = samples(samplesFile);
            assertEquals(5, lines.size(), task.id());
            String metric = task.hasOptions() ? "accuracy" : "exact_match";
            assertEquals(1.0, lines.get(0).get("metrics").get(metric).asDouble(), task.id());
            assertEquals(0.0, lines.get(1).get("metrics").get(metric).asDouble(), task.id());
            assertTrue(lines.get(2).get("missing").asBoolean(), task.id());
            assertFalse(lines.get(2).get("metrics").has(metric), "a missing prediction is never scored");
            assertEquals(task.instances().get(0).id(), lines.get(0).get("instance").asText());
        }
        JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
        assertEquals("replay", runJson.get("models").get("model").get("backend").asText());
        assertTrue(Files.isRegularFile(run.resolve("summary.json")));
        assertTrue(Files.readString(run.resolve("summary.md")).contains("synthetic"));
    }

    @Test
    void resumeRedoesOnlyUnfinishedTasksAndEndsWithTheSameFiles() throws Exception {
        List<Task> catalog = load(1, "synthetic");
        Path file = predictions(catalog, 4);
        assertEquals(0, harness("eval", "--backend", "replay", "--predictions", file.toString(), "--limit", "4",
                "--out", "runs", "--no-html", "--quiet").code());
        Path run = onlyRun(tmp.resolve("runs"));
        String taskId = catalog.get(3).id();
        Path samplesFile = run.resolve("samples/all/model/" + RunLayout.taskFileStem(taskId) + ".jsonl");
        String before = Files.readString(samplesFile);
        Path otherSamples = run.resolve("samples/all/model/" + RunLayout.taskFileStem(catalog.get(0).id())
                + ".jsonl");
        long otherModified = Files.getLastModifiedTime(otherSamples).toMillis();
        // as if the run had been killed before this task finished
        Files.delete(samplesFile);
        Files.delete(run.resolve("tasks/all/model/" + RunLayout.taskFileStem(taskId) + ".done"));

        Outcome resumed = harness("eval", "--resume", run.toString(), "--no-html", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(before, Files.readString(samplesFile));
        assertEquals(otherModified, Files.getLastModifiedTime(otherSamples).toMillis(), "finished work is kept");
    }

    @Test
    void configOfARunReproducesIt() throws Exception {
        List<Task> catalog = load(7, "synthetic");
        Path file = predictions(catalog, 3);
        assertEquals(0, harness("eval", "--backend", "replay", "--predictions", file.toString(), "--limit", "3",
                "--seed", "7", "--shots", "2", "--out", "first", "--no-html", "--quiet").code());
        Path first = onlyRun(tmp.resolve("first"));
        Outcome again = harness("eval", "--config", first.resolve("run.json").toString(), "--out", "second",
                "--no-html", "--quiet");
        assertEquals(0, again.code(), again.err());
        Path second = onlyRun(tmp.resolve("second"));
        assertEquals(JSON.readTree(first.resolve("run.json").toFile()).get("config"),
                JSON.readTree(second.resolve("run.json").toFile()).get("config"));
        for (Task task : catalog) {
            String stem = "samples/all/model/" + RunLayout.taskFileStem(task.id()) + ".jsonl";
            assertEquals(Files.readString(first.resolve(stem)), Files.readString(second.resolve(stem)), task.id());
        }
        // the configuration really is used: a 2-shot prompt holds demonstrations, so it is longer than 0-shot
        assertTrue(JSON.readTree(first.resolve("run.json").toFile()).get("config").get("shots").asInt() == 2);
    }

    @Test
    void unknownPredictionIdsAreAnError() throws Exception {
        Path file = tmp.resolve("bad.jsonl");
        Files.writeString(file,
                "{\"task\": \"synthetic/no_such_task\", \"instance\": \"x/1\", \"prediction\": \"a\"}\n");
        Outcome result = harness("eval", "--backend", "replay", "--predictions", file.toString(), "--out", "runs",
                "--no-html", "--quiet");
        assertEquals(1, result.code());
        assertTrue(result.err().contains("no_such_task"), result.err());
    }

    @Test
    void bbhDirectReplayWritesPerTaskExactMatch() throws Exception {
        Path bbh = SharedData.data("bbh");
        List<Task> catalog = load(1, "bbh=" + bbh);
        List<String> lines = new ArrayList<>();
        for (Task task : catalog) {
            // the first three right, the rest wrong: exact match is 3 / n for every task
            for (int i = 0; i < task.instances().size(); i++) {
                Instance instance = task.instances().get(i);
                lines.add(JSON.writeValueAsString(Map.of("task", task.id(), "instance", instance.id(),
                        "prediction", i < 3 ? instance.references().get(0) : "no idea")));
            }
        }
        Path file = tmp.resolve("bbh.jsonl");
        Files.write(file, lines);
        Outcome result = harness("eval", "--backend", "replay", "--predictions", file.toString(), "--tasks",
                "bbh=" + bbh, "--format", "bbh-direct", "--out", "runs", "--no-html", "--quiet");
        assertEquals(0, result.code(), result.err());
        JsonNode summary = JSON.readTree(onlyRun(tmp.resolve("runs")).resolve("summary.json").toFile());
        JsonNode tasks = summary.get("tasks");
        assertEquals(catalog.size(), tasks.size());
        for (JsonNode task : tasks) {
            JsonNode result0 = task.get("results").get("model");
            int n = result0.get("n").asInt();
            assertTrue(n > 3, task.toString());
            double em = result0.get("metrics").get("bbh_exact_match").get("value").asDouble();
            assertEquals(3.0 / n, em, 1e-9, task.get("task").asText());
        }
    }
}
