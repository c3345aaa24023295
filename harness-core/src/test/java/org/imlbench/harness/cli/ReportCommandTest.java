package org.imlbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.imlbench.reports.ReportSite;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harness report} through {@link Main}, on a small run directory laid out as RUNDIR.md describes. */
class ReportCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), temp);
        return main.run(args);
    }

    private Path runDirectory(String id, double tunedAccuracy) throws IOException {
        Path dir = temp.resolve("runs").resolve(id);
        ObjectNode run = MAPPER.createObjectNode().put("id", id).put("created", "2026-11-26T15:00:00Z")
                .put("command", "run").put("format", "opt-iml").put("shots", 0).put("seed", 1);
        run.putObject("models").putObject("base").put("name", "tiny");
        ((ObjectNode) run.get("models")).putObject("tuned").put("name", "tiny-iml");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.json"), MAPPER.writeValueAsString(run));
        for (String role : new String[] {"base", "tuned"}) {
            Path samples = dir.resolve("samples/fully_supervised").resolve(role).resolve("synthetic_copy.jsonl");
            Files.createDirectories(samples.getParent());
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                double score = role.equals("base") ? i % 4 == 0 ? 1 : 0 : i < 40 * tunedAccuracy ? 1 : 0;
                ObjectNode line = MAPPER.createObjectNode().put("task", "synthetic/copy").put("instance", "copy/" + i)
                        .put("category", "Copying").put("source", "synthetic").put("missing", false);
                line.putArray("options").add("a").add("b");
                line.putObject("metrics").put("accuracy", score);
                lines.append(MAPPER.writeValueAsString(line)).append('\n');
            }
            Files.writeString(samples, lines);
            Path done = dir.resolve("tasks/fully_supervised").resolve(role).resolve("synthetic_copy.done");
            Files.createDirectories(done.getParent());
            Files.writeString(done, "{\"task\":\"synthetic/copy\",\"n\":40,\"missing\":0,\"error\":null}");
        }
        return dir;
    }

    @Test
    void publishesTwoRunsToOneSiteWithATwoPointTrend() throws IOException {
        try {
            ReportSite.allureHome();
        } catch (IOException e) {
            Assumptions.assumeFalse(!"true".equals(System.getenv("CI")), "Allure commandline missing: " + e);
            throw e;
        }
        runDirectory("r1", 0.5);
        runDirectory("r2", 0.9);
        assertEquals(0, run("report", "runs/r1", "--publish", "site"), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("report", "runs/r2", "--publish", "site", "--history-from", "no-such-site"),
                err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("fully_supervised  1      25.0 ["), text);
        assertTrue(text.contains("+65.0 ▲"), text);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no previous site"), err.toString());
        assertTrue(Files.isRegularFile(temp.resolve("runs/r2/summary.json")));
        assertTrue(Files.isRegularFile(temp.resolve("site/index.html")));
        // --history-from pointed nowhere, so this run starts a new history: one point
        assertEquals(1, MAPPER.readTree(temp.resolve("site/fully_supervised/history/history-trend.json").toFile())
                .size());
        assertEquals(0, run("report", "runs/r2", "--publish", "site"));
        assertEquals(2, MAPPER.readTree(temp.resolve("site/fully_supervised/history/history-trend.json").toFile())
                .size());
    }

    @Test
    void aFolderWithoutRunJsonIsAUsageError() {
        assertEquals(2, run("report", "nowhere"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no run.json"), err.toString());
    }
}
