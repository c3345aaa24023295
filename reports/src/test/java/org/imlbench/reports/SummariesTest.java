package org.imlbench.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.imlbench.rundir.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummariesTest {
    @TempDir
    Path runs;

    private static TaskSummary task(RunSummary summary, String id) {
        return summary.tasks().stream().filter(t -> t.task().equals(id)).findFirst().orElseThrow();
    }

    private static double mean(double... values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    @Test
    void taskMeanIsTheMeanOfItsSamplesWithAnIntervalAroundIt() throws IOException {
        RunFixture run = RunFixture.run(runs, "r1");
        run.task("fully_supervised", "niv2/gen", "Summarization", "niv2")
                .values("base", "rouge_l", 0.1, 0.2, 0.3, 0.6).values("tuned", "rouge_l", 0.2, 0.4, 0.3, 0.9);
        RunSummary summary = Summaries.write(run.write());

        TaskSummary gen = task(summary, "niv2/gen");
        assertEquals("rouge_l", gen.headlineMetric());
        Estimate base = gen.results().get("base").metrics().get("rouge_l");
        assertEquals(0.3, base.value(), 1e-12);
        assertEquals(4, base.n());
        assertTrue(base.low() <= base.value() && base.value() <= base.high());
        assertTrue(base.low() >= 0.1 && base.high() <= 0.6);
        Estimate delta = gen.deltas().get("rouge_l");
        assertEquals(mean(0.1, 0.2, 0.0, 0.3), delta.value(), 1e-12);
        assertEquals(4, delta.n());
        assertEquals("embedded-tiny+iml", gen.results().get("tuned").model());
    }

    @Test
    void pairsAreMatchedByInstanceIdNotByLineOrder() throws IOException {
        RunFixture run = RunFixture.run(runs, "pairs");
        run.task("all", "t/x", "C", "s").values("base", "accuracy", 1, 0, 1).values("tuned", "accuracy", 1, 1, 1)
                .missing("base", 0);
        Path dir = run.write();
        // reverse the tuned file's lines: pairing must not care
        Path tuned = dir.resolve("samples/all/tuned/t_x.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(tuned));
        Collections.reverse(lines);
        Files.write(tuned, lines);
        RunSummary summary = Summaries.write(dir);
        Estimate delta = task(summary, "t/x").deltas().get("accuracy");
        // instance 0 is missing for base: pairs are x/1 (1 − 0) and x/2 (1 − 1)
        assertEquals(2, delta.n());
        assertEquals(0.5, delta.value(), 1e-12);
    }

    @Test
    void missingPredictionsAreCountedAndListedNotScored() throws IOException {
        RunSummary summary = Summaries.write(RunFixture.standard(runs, "std", 0).write());
        RoleResult tuned = task(summary, "bbh/navigate").results().get("tuned");
        assertEquals(28, tuned.n());
        assertEquals(2, tuned.missing());
        assertEquals(List.of("navigate/3", "navigate/7"), tuned.missingInstances());
        assertEquals(28, tuned.metrics().get("bbh_exact_match").n());
        String md = Files.readString(runs.resolve("std/summary.md"));
        assertTrue(md.contains("navigate/3, navigate/7"), md);
    }

    @Test
    void headlineMetricFollowsTheTaskKind() throws IOException {
        RunSummary summary = Summaries.write(RunFixture.standard(runs, "std", 0).write());
        assertEquals("bbh_exact_match", task(summary, "bbh/navigate").headlineMetric());
        assertEquals("accuracy", task(summary, "niv2/task1_entail").headlineMetric());
        assertEquals("rouge_l", task(summary, "niv2/task3_qa").headlineMetric());
    }

    @Test
    void verdictsFlagTheRegressionAndTheBrokenTask() throws IOException {
        RunSummary summary = Summaries.write(RunFixture.standard(runs, "std", 0).write());
        TaskSummary reverse = task(summary, "synthetic/reverse");
        assertEquals(Verdict.REGRESSION, reverse.verdict());
        assertTrue(reverse.headlineDelta().orElseThrow().entirelyBelowZero());
        assertTrue(reverse.verdictDetail().contains("significantly worse on accuracy"), reverse.verdictDetail());

        TaskSummary copy = task(summary, "synthetic/copy");
        assertEquals(Verdict.OK, copy.verdict());
        assertTrue(copy.headlineDelta().orElseThrow().entirelyAboveZero());
        assertNull(copy.verdictDetail());

        TaskSummary broken = task(summary, "niv2/task4_qa");
        assertEquals(Verdict.ERROR, broken.verdict());
        assertEquals("Question Answering", broken.category());
        assertEquals("CUDA out of memory", broken.results().get("tuned").error());
        assertTrue(broken.deltas().isEmpty());
        assertTrue(broken.verdictDetail().contains("CUDA out of memory"));
    }

    @Test
    void splitsAndCategoriesAreMacroAveragesOverTasks() throws IOException {
        RunSummary summary = Summaries.write(RunFixture.standard(runs, "std", 0).write());
        assertEquals(Split.generalization(), summary.splitNames());

        GroupSummary heldOut = summary.split(Split.FULLY_HELD_OUT).orElseThrow();
        List<TaskSummary> tasks = summary.tasksOf(Split.FULLY_HELD_OUT);
        assertEquals(3, tasks.size());
        double expected = tasks.stream().mapToDouble(t -> t.headline("tuned").orElseThrow().value()).average()
                .orElseThrow();
        Estimate tunedScore = heldOut.score("tuned").orElseThrow();
        assertEquals(expected, tunedScore.value(), 1e-12);
        assertTrue(tunedScore.low() <= tunedScore.value() && tunedScore.value() <= tunedScore.high());
        double expectedDelta = tasks.stream().mapToDouble(t -> t.headlineDelta().orElseThrow().value()).average()
                .orElseThrow();
        assertEquals(expectedDelta, heldOut.scoreDelta().orElseThrow().value(), 1e-12);

        GroupSummary entailment = summary.categoriesOf(Split.FULLY_HELD_OUT).stream()
                .filter(c -> c.category().equals("Textual Entailment")).findFirst().orElseThrow();
        assertEquals(List.of("niv2/task1_entail", "niv2/task2_entail"), entailment.tasks());
        assertEquals(mean(task(summary, "niv2/task1_entail").headline("base").orElseThrow().value(),
                task(summary, "niv2/task2_entail").headline("base").orElseThrow().value()),
                entailment.score("base").orElseThrow().value(), 1e-12);
    }

    @Test
    void aBrokenTaskIsLeftOutOfEveryModelsAggregates() throws IOException {
        RunSummary summary = Summaries.write(RunFixture.standard(runs, "std", 0).write());
        GroupSummary partial = summary.split(Split.PARTIALLY_SUPERVISED).orElseThrow();
        assertEquals(3, partial.tasks().size());
        assertEquals(2, partial.results().get("base").tasks());
        assertEquals(2, partial.results().get("tuned").tasks());
        // both models over the same two tasks: the difference of the averages is the average difference
        Estimate base = partial.score("base").orElseThrow();
        Estimate tuned = partial.score("tuned").orElseThrow();
        assertEquals(tuned.value() - base.value(), partial.scoreDelta().orElseThrow().value(), 1e-12);
        assertEquals(1, partial.errors());
        assertEquals(1, summary.split(Split.FULLY_SUPERVISED).orElseThrow().regressions());
    }

    @Test
    void summaryJsonIsReproducibleAndReadsBack() throws IOException {
        Path dir = RunFixture.standard(runs, "std", 0).write();
        RunSummary written = Summaries.write(dir);
        byte[] first = Files.readAllBytes(dir.resolve("summary.json"));
        Summaries.write(dir);
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("summary.json")));
        assertEquals(written, Summaries.read(dir));
        String json = Files.readString(dir.resolve("summary.json"));
        assertTrue(json.contains("\"headline_metric\" : \"accuracy\""), json);
        assertTrue(json.contains("\"missing_instances\""));
    }

    @Test
    void summaryMarkdownHasATableRowPerSplitCategoryAndTask() throws IOException {
        RunSummary summary = Summaries.write(RunFixture.standard(runs, "std", 0).write());
        String md = Files.readString(runs.resolve("std/summary.md"));
        for (Split split : summary.splitNames()) {
            assertTrue(md.contains("## " + split), split.id());
            assertTrue(md.contains("| **all " + split + "** |"), split.id());
        }
        for (GroupSummary category : summary.categories()) {
            assertTrue(md.contains("| " + category.category() + " |"), category.category());
        }
        for (TaskSummary task : summary.tasks()) {
            assertTrue(md.contains("| `" + task.task() + "` |"), task.task());
        }
        assertTrue(md.contains("| base | tuned | Δ | 95% CI of Δ |"), md);
        assertTrue(md.contains("**regression**"));
        assertTrue(md.contains("CUDA out of memory"));
    }

    @Test
    void evalRunHasOneModelAndNoDeltas() throws IOException {
        RunFixture eval = RunFixture.eval(runs, "e1");
        eval.task("all", "bbh/navigate", "BBH", "bbh").values("model", "bbh_exact_match", 1, 0, 1, 1);
        eval.task("all", "bbh/snarks", "BBH", "bbh").values("model", "bbh_exact_match", 0, 0, 1, 0);
        RunSummary summary = Summaries.write(eval.write());
        assertEquals(List.of("model"), summary.roles());
        assertFalse(summary.compares());
        assertEquals(0.75, task(summary, "bbh/navigate").headline("model").orElseThrow().value(), 1e-12);
        assertEquals(0.5, summary.split(Split.ALL).orElseThrow().score("model").orElseThrow().value(), 1e-12);
        assertTrue(summary.split(Split.ALL).orElseThrow().deltas().isEmpty());
        String md = Files.readString(runs.resolve("e1/summary.md"));
        assertTrue(md.contains("| category | tasks | model |"), md);
        assertFalse(md.contains("Δ"), md);
    }

    @Test
    void malformedLinesFailNamingTheFileAndLine() throws IOException {
        RunFixture run = RunFixture.run(runs, "bad");
        run.task("all", "t/x", "C", "s").values("base", "accuracy", 1, 0);
        Path dir = run.write();
        Path file = dir.resolve("samples/all/base/t_x.jsonl");
        Files.writeString(file, Files.readAllLines(file).get(0) + "\n{not json\n");
        IOException error = assertThrows(IOException.class, () -> Summaries.write(dir));
        assertTrue(error.getMessage().contains("t_x.jsonl:2: malformed JSON"), error.getMessage());
    }

    @Test
    void metricsOutsideTheUnitIntervalAreRejected() throws IOException {
        RunFixture run = RunFixture.run(runs, "pct");
        run.task("all", "t/x", "C", "s").values("base", "rouge_l", 0.5, 1.0);
        Path dir = run.write();
        Path file = dir.resolve("samples/all/base/t_x.jsonl");
        Files.writeString(file, Files.readString(file).replace("\"rouge_l\":0.5", "\"rouge_l\":50.0"));
        IOException error = assertThrows(IOException.class, () -> Summaries.write(dir));
        assertTrue(error.getMessage().contains(":1: metric \"rouge_l\" = 50.0 is not a number in [0, 1]"),
                error.getMessage());
    }

    @Test
    void aMissingRunJsonIsNamed() throws IOException {
        Path dir = RunFixture.run(runs, "norun").write();
        Files.delete(dir.resolve("run.json"));
        IOException error = assertThrows(IOException.class, () -> Summaries.write(dir));
        assertTrue(error.getMessage().contains("run.json"), error.getMessage());
        assertNotNull(error.getMessage());
    }
}
