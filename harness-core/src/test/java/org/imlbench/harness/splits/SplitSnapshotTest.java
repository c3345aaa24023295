package org.imlbench.harness.splits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.Task;
import org.imlbench.harness.store.TrainingExampleStore;
import org.imlbench.harness.tasks.LoadedTask;
import org.imlbench.harness.tasks.LoadedTasks;
import org.imlbench.rundir.Split;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Splits, leakage reports, demonstrations and rendered training examples of the shipped data sets, compared with
 * snapshots taken from the harness before it streamed tasks (when every instance of every task was in memory): each
 * task's training and evaluated instance ids, the notes, the leakage report, every evaluated instance's 3-shot
 * demonstrations and the fingerprint of the training examples rendered with {@code optiml} must be unchanged.
 */
class SplitSnapshotTest {
    @TempDir
    Path temp;

    private static String sha(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    private static String ids(List<Instance> instances) throws Exception {
        return instances.size() + " " + sha(String.join("\n", instances.stream().map(Instance::id).toList()));
    }

    private String snapshot(String name, LoadedTasks loaded, SplitSpec spec, long seed) throws Exception {
        Splits splits = SplitBuilder.build(loaded, spec, seed);
        StringBuilder out = new StringBuilder("config " + name + " seed " + seed + "\n");
        out.append("part train\n");
        for (Splits.TrainedTask trained : splits.train()) {
            out.append("  ").append(trained.task().id()).append(' ')
                    .append(ids(splits.trainingTask(trained).instances())).append('\n');
        }
        for (Split split : Split.generalization()) {
            out.append("part ").append(split.id()).append('\n');
            for (Task t : splits.evaluation(split)) {
                out.append("  ").append(t.id()).append(' ').append(ids(t.instances())).append('\n');
            }
        }
        out.append("excluded ").append(String.join(",", splits.excluded())).append('\n');
        for (String note : splits.notes()) {
            out.append("note ").append(note).append('\n');
        }
        LeakageGuard.check(splits).splits().forEach((s, l) -> out.append("leakage ").append(s.id()).append(' ')
                .append(l.evaluationInstances()).append(' ').append(l.ngramPairs()).append(' ')
                .append(l.instancesWithNgramOverlap()).append(' ').append(l.exactMatches()).append(' ')
                .append(String.join(" | ", l.examples())).append('\n'));
        DemonstrationSampler sampler = new DemonstrationSampler(splits);
        for (Split split : Split.generalization()) {
            for (Task t : splits.evaluation(split)) {
                StringBuilder draws = new StringBuilder();
                for (Instance i : t.instances()) {
                    draws.append(i.id()).append(": ").append(String.join(",", sampler.sample(t, i, 3, seed).stream()
                            .map(Instance::id).toList())).append('\n');
                }
                out.append("demos ").append(t.id()).append(' ').append(sha(draws.toString())).append('\n');
            }
        }
        if (!splits.train().isEmpty()) {
            PromptFormat optiml = TestData.plugins().get(PromptFormat.class, "optiml");
            try (TrainingExampleStore store = new PromptRenderer(splits).trainingExamples(optiml,
                    temp.resolve(name))) {
                out.append("training optiml ").append(store.fingerprint()).append('\n');
            }
        }
        return out.toString();
    }

    private static String expected(String file) throws Exception {
        try (InputStream in = SplitSnapshotTest.class.getResourceAsStream("snapshots/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> categories(LoadedTasks loaded) {
        return loaded.tasks().stream().map(LoadedTask::category).distinct().toList();
    }

    @Test
    void synthetic() throws Exception {
        try (LoadedTasks synthetic = TestData.load(1, "synthetic")) {
            assertEquals(expected("synthetic.txt"), snapshot("synthetic", synthetic, synthetic.defaultSplitSpec(), 1)
                    + snapshot("synthetic-eval", synthetic,
                    synthetic.defaultSplitSpec().forEvaluationOnly(categories(synthetic)), 1));
        }
        try (LoadedTasks synthetic = TestData.load(3, "synthetic")) {
            assertEquals(expected("synthetic-random.txt"), snapshot("synthetic-random", synthetic,
                    new SplitSpec("", List.of("Counting"), List.of(), List.of("synthetic/arithmetic_add"), 10, 30, 7,
                            SplitSpec.Selection.RANDOM, false), 3));
        }
    }

    @Test
    void niv2() throws Exception {
        try (LoadedTasks niv2 = TestData.load(1, "niv2=" + SharedData.data("niv2"))) {
            assertEquals(expected("niv2.txt"), snapshot("niv2", niv2, niv2.defaultSplitSpec(), 1));
        }
    }

    @Test
    void bbh() throws Exception {
        try (LoadedTasks bbh = TestData.load(1, "bbh=" + SharedData.data("bbh"))) {
            assertEquals(expected("bbh.txt"), snapshot("bbh", bbh, bbh.defaultSplitSpec(), 1)
                    + snapshot("bbh-eval", bbh,
                            bbh.defaultSplitSpec().forEvaluationOnly(List.of("BIG-Bench Hard")), 1));
            assertEquals(expected("overlap.txt"), overlap() + snapshot("bbh-tuned", bbh, new SplitSpec("", List.of(),
                    List.of("bbh/boolean_expressions", "bbh/web_of_lies"), List.of(), 50, 100, 30,
                    SplitSpec.Selection.FIRST, false), 1));
        }
    }

    private String overlap() throws Exception {
        try (LoadedTasks overlap = TestData.of(OverlapFixture.tasks(), OverlapFixture.spec())) {
            return snapshot("overlap", overlap, OverlapFixture.spec(), 1);
        }
    }

    @Test
    void niv2AndBbhTogether() throws Exception {
        try (LoadedTasks both = TestData.load(1, "niv2=" + SharedData.data("niv2"), "bbh=" + SharedData.data("bbh"))) {
            assertEquals(expected("niv2-bbh.txt"), snapshot("niv2+bbh", both, both.defaultSplitSpec(), 1));
        }
    }
}
