package org.imlbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.imlbench.rundir.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureResultsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path runs;

    private List<JsonNode> results(Path dir) throws IOException {
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).sorted()
                    .toList()) {
                results.add(mapper.readTree(file.toFile()));
            }
        }
        return results;
    }

    private static JsonNode byName(List<JsonNode> results, String task) {
        return results.stream().filter(r -> r.get("name").asText().equals(task)).findFirst().orElseThrow();
    }

    private static Map<String, String> labels(JsonNode result) {
        Map<String, String> labels = new HashMap<>();
        result.get("labels").forEach(l -> labels.put(l.get("name").asText(), l.get("value").asText()));
        return labels;
    }

    @Test
    void eachSplitHasOneResultPerTaskWithSuitesFromSplitCategoryAndSource() throws IOException {
        Path run = RunFixture.standard(runs, "std", 0).write();
        RunSummary summary = Summaries.write(run);
        AllureResults.write(run, summary);
        for (Split split : summary.splitNames()) {
            List<JsonNode> results = results(AllureResults.resultsDir(run, split));
            Set<String> names = new TreeSet<>();
            results.forEach(r -> names.add(r.get("name").asText()));
            Set<String> expected = new TreeSet<>();
            summary.tasksOf(split).forEach(t -> expected.add(t.task()));
            assertEquals(expected, names, split.id());
            for (JsonNode result : results) {
                TaskSummary task = summary.tasksOf(split).stream()
                        .filter(t -> t.task().equals(result.get("name").asText())).findFirst().orElseThrow();
                Map<String, String> labels = labels(result);
                assertEquals(split.id(), labels.get("parentSuite"));
                assertEquals(task.category(), labels.get("suite"));
                assertEquals(task.source(), labels.get("subSuite"));
            }
        }
    }

    @Test
    void statusesFollowVerdicts() throws IOException {
        Path run = RunFixture.standard(runs, "std", 0).write();
        AllureResults.write(run, Summaries.write(run));
        List<JsonNode> supervised = results(AllureResults.resultsDir(run, Split.FULLY_SUPERVISED));
        assertEquals("passed", byName(supervised, "synthetic/copy").get("status").asText());
        JsonNode reverse = byName(supervised, "synthetic/reverse");
        assertEquals("failed", reverse.get("status").asText());
        String message = reverse.get("statusDetails").get("message").asText();
        assertTrue(message.contains("significantly worse on accuracy") && message.contains("95% CI [−"), message);
        JsonNode broken = byName(results(AllureResults.resultsDir(run, Split.PARTIALLY_SUPERVISED)), "niv2/task4_qa");
        assertEquals("broken", broken.get("status").asText());
        assertTrue(broken.get("statusDetails").get("message").asText().contains("CUDA out of memory"));
    }

    @Test
    void parametersStepsAndAttachmentsDescribeTheEvaluation() throws IOException {
        Path run = RunFixture.standard(runs, "std", 0).write();
        AllureResults.write(run, Summaries.write(run));
        Path dir = AllureResults.resultsDir(run, Split.FULLY_HELD_OUT);
        JsonNode entail = byName(results(dir), "niv2/task1_entail");
        Map<String, String> parameters = new HashMap<>();
        entail.get("parameters").forEach(p -> parameters.put(p.get("name").asText(), p.get("value").asText()));
        assertEquals(Map.of("base model", "embedded-tiny", "tuned model", "embedded-tiny+iml",
                "prompt format", "opt-iml", "shots", "0", "accuracy (headline)",
                "base 53.3 [41.7, 66.7], tuned 61.7 [50.0, 73.3], Δ +8.3 [−8.3, +25.0]"), parameters);

        JsonNode steps = entail.get("steps");
        assertEquals(3, steps.size());
        assertTrue(steps.get(0).get("name").asText().startsWith("Evaluate base model embedded-tiny: accuracy "));
        assertTrue(steps.get(1).get("name").asText().startsWith("Evaluate tuned model embedded-tiny+iml: accuracy"));
        assertTrue(steps.get(2).get("name").asText().startsWith("Compare tuned − base"));
        for (int i = 0; i < 2; i++) {
            JsonNode attachment = steps.get(i).get("attachments").get(0);
            Path copied = dir.resolve(attachment.get("source").asText());
            String role = i == 0 ? "base" : "tuned";
            assertEquals(Files.readString(run.resolve("samples/fully_held_out/" + role + "/niv2_task1_entail.jsonl")),
                    Files.readString(copied));
        }
        JsonNode chart = entail.get("attachments").get(0);
        assertEquals("image/png", chart.get("type").asText());
        byte[] png = Files.readAllBytes(dir.resolve(chart.get("source").asText()));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void reportWideFilesAreWritten() throws IOException {
        Path run = RunFixture.standard(runs, "std", 0).write();
        AllureResults.write(run, Summaries.write(run));
        Path dir = AllureResults.resultsDir(run, Split.FULLY_SUPERVISED);
        String environment = Files.readString(dir.resolve("environment.properties"));
        assertTrue(environment.contains("model.base=embedded-tiny\n"), environment);
        assertTrue(environment.contains("model.tuned=embedded-tiny+iml\n"), environment);
        assertTrue(environment.contains("git.commit=0123456789abcdef\n"), environment);
        assertTrue(environment.contains("seed=42\n") && environment.contains("devices=cpu\n"), environment);
        assertTrue(environment.contains("version.djl=0.36.0\n"), environment);
        JsonNode categories = mapper.readTree(dir.resolve("categories.json").toFile());
        assertEquals("Regression", categories.get(0).get("name").asText());
        assertEquals("failed", categories.get(0).get("matchedStatuses").get(0).asText());
        assertEquals("Evaluation error", categories.get(1).get("name").asText());
        assertEquals("broken", categories.get(1).get("matchedStatuses").get(0).asText());
        JsonNode executor = mapper.readTree(dir.resolve("executor.json").toFile());
        assertTrue(executor.get("buildName").asText().contains("std"));
    }

    @Test
    void historyIdsAreStableAcrossRunsAndUuidsAreNot() throws IOException {
        Path first = RunFixture.standard(runs, "first", 0).write();
        Path second = RunFixture.standard(runs, "second", 0.05).write();
        AllureResults.write(first, Summaries.write(first));
        AllureResults.write(second, Summaries.write(second));
        JsonNode a = byName(results(AllureResults.resultsDir(first, Split.FULLY_SUPERVISED)), "synthetic/copy");
        JsonNode b = byName(results(AllureResults.resultsDir(second, Split.FULLY_SUPERVISED)), "synthetic/copy");
        assertEquals(a.get("historyId"), b.get("historyId"));
        assertEquals(a.get("testCaseId"), b.get("testCaseId"));
        assertNotEquals(a.get("uuid"), b.get("uuid"));
        JsonNode other = byName(results(AllureResults.resultsDir(first, Split.FULLY_SUPERVISED)), "synthetic/reverse");
        assertNotEquals(a.get("historyId"), other.get("historyId"));
    }

    @Test
    void rewritingReplacesOldResults() throws IOException {
        Path run = RunFixture.standard(runs, "std", 0).write();
        RunSummary summary = Summaries.write(run);
        Path stale = AllureResults.resultsDir(run, Split.FULLY_SUPERVISED).resolve("stale-result.json");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "{}");
        AllureResults.write(run, summary);
        assertTrue(Files.notExists(stale));
        assertEquals(2, results(AllureResults.resultsDir(run, Split.FULLY_SUPERVISED)).size());
    }
}
