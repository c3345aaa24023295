package org.imlbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code harness eval --shard K/N} and {@code harness merge}: three shards of the replayed synthetic suite, merged,
 * give exactly the unsharded evaluation's summary — every task, category and split figure, intervals included — and
 * a missing, duplicated or foreign shard is refused with a message naming it.
 */
class ShardedEvalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Path predictions;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome harness(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), tmp).run(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Right answers for some instances, wrong ones for others, none for a few (missing), varying by task. */
    @BeforeEach
    void writePredictions() throws Exception {
        List<String> lines = new ArrayList<>();
        int k = 0;
        List<Task> tasks;
        try (LoadedTasks loaded = TestData.load(1, "synthetic")) {
            tasks = TestData.tasks(loaded);
        }
        for (Task task : tasks) {
            for (Instance instance : task.instances()) {
                k++;
                if (k % 11 == 0) {
                    continue;
                }
                String prediction = k % 3 == 0 ? "not it" : instance.references().get(0);
                lines.add(JSON.writeValueAsString(Map.of("task", task.id(), "instance", instance.id(),
                        "prediction", prediction)));
            }
        }
        predictions = tmp.resolve("predictions.jsonl");
        Files.write(predictions, lines);
    }

    private Path eval(String out, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("eval", "--backend", "replay", "--predictions",
                predictions.toString(), "--limit", "12", "--out", out, "--no-html", "--quiet"));
        args.addAll(List.of(more));
        Outcome result = harness(args.toArray(String[]::new));
        assertEquals(0, result.code(), result.err());
        try (Stream<Path> dirs = Files.list(tmp.resolve(out))) {
            return dirs.findFirst().orElseThrow();
        }
    }

    @Test
    void threeMergedShardsEqualTheUnshardedEvaluation() throws Exception {
        Path whole = eval("whole");
        List<Path> shards = new ArrayList<>();
        long evaluated = 0;
        for (int k = 1; k <= 3; k++) {
            Path shard = eval("shard" + k, "--shard", k + "/3");
            shards.add(shard);
            evaluated += JSON.readTree(shard.resolve("summary.json").toFile()).get("tasks").size();
        }
        assertTrue(evaluated > 24, "the shards split tasks between them: " + evaluated + " task parts");
        Outcome merged = harness("merge", shards.get(2).toString(), shards.get(0).toString(),
                shards.get(1).toString(), "--out", "merged", "--no-html");
        assertEquals(0, merged.code(), merged.err());

        JsonNode expected = JSON.readTree(whole.resolve("summary.json").toFile());
        JsonNode actual = JSON.readTree(tmp.resolve("merged/summary.json").toFile());
        for (String part : List.of("tasks", "categories", "splits", "method")) {
            assertEquals(expected.get(part), actual.get(part), part);
        }
        assertEquals(Files.readString(whole.resolve("samples/all/model/synthetic_arithmetic_add.jsonl")),
                Files.readString(tmp.resolve("merged/samples/all/model/synthetic_arithmetic_add.jsonl")));
    }

    @Test
    void missingDuplicatedAndForeignShardsAreRefused() throws Exception {
        Path one = eval("s1", "--shard", "1/3");
        Path two = eval("s2", "--shard", "2/3");
        Outcome missing = harness("merge", one.toString(), two.toString(), "--out", "m1", "--no-html");
        assertEquals(Main.USAGE, missing.code());
        assertTrue(missing.err().contains("shard 3/3 is missing"), missing.err());
        Outcome twice = harness("merge", one.toString(), one.toString(), two.toString(), "--out", "m2", "--no-html");
        assertEquals(Main.USAGE, twice.code());
        assertTrue(twice.err().contains("shard 1/3 is given twice"), twice.err());
        Path foreign = eval("s3", "--shard", "3/3", "--seed", "7");
        Outcome other = harness("merge", one.toString(), two.toString(), foreign.toString(), "--out", "m3",
                "--no-html");
        assertEquals(Main.USAGE, other.code());
        assertTrue(other.err().contains("another configuration") && other.err().contains("seed"), other.err());
        assertTrue(!Files.exists(tmp.resolve("m3/run.json")), "nothing merged after a refusal");
        Outcome bad = harness("eval", "--backend", "replay", "--predictions", predictions.toString(), "--shard", "4/3",
                "--out", "x", "--no-html");
        assertEquals(Main.USAGE, bad.code(), bad.err());
    }
}
