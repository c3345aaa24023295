package org.imlbench.harness.splits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.harness.tasks.LoadedTasks;
import org.imlbench.rundir.Split;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splits of the synthetic suite, the NIv2 sample and CSV tasks by the shipped specs. */
class SplitBuilderTest {

    /** The acceptance invariants every split must satisfy. */
    static void assertSound(LoadedTasks loaded, Splits splits) {
        List<Task> tasks = TestData.tasks(loaded);
        List<Task> trainTasks = TestData.train(splits);
        Set<String> heldOutCategories = new HashSet<>(splits.spec().heldOutCategories());
        Set<String> trainIds = trainTasks.stream().map(Task::id).collect(Collectors.toSet());
        Set<String> trainCategories = trainTasks.stream().map(Task::category).collect(Collectors.toSet());
        for (Task t : trainTasks) {
            assertFalse(heldOutCategories.contains(t.category()), t.id() + " of a held-out category is tuned");
        }
        for (Task t : splits.fullyHeldOut()) {
            assertFalse(trainCategories.contains(t.category()), t.id() + ": its category is tuned");
        }
        for (Task t : splits.partiallySupervised()) {
            assertFalse(trainIds.contains(t.id()), t.id() + " is both tuned and partially supervised");
            assertTrue(trainCategories.contains(t.category()), t.id() + ": category not tuned");
        }
        Map<String, Task> train = trainTasks.stream().collect(Collectors.toMap(Task::id, t -> t));
        for (Task t : splits.fullySupervised()) {
            Task trained = train.get(t.id());
            Set<String> trainInstanceIds = trained.instances().stream().map(Instance::id).collect(Collectors.toSet());
            Set<String> trainInputs = trained.instances().stream().map(Instance::input).collect(Collectors.toSet());
            for (Instance i : t.instances()) {
                assertFalse(trainInstanceIds.contains(i.id()), i.id() + " is both trained and evaluated");
                assertFalse(trainInputs.contains(i.input()), i.id() + ": its input is trained on");
            }
        }
        // every task has exactly one role
        Set<String> seen = new HashSet<>(trainIds);
        splits.fullyHeldOut().forEach(t -> assertTrue(seen.add(t.id())));
        splits.partiallySupervised().forEach(t -> assertTrue(seen.add(t.id())));
        splits.excluded().forEach(id -> assertTrue(seen.add(id)));
        assertEquals(tasks.stream().map(Task::id).collect(Collectors.toSet()), seen);
    }

    private final OpenTasks open = new OpenTasks();

    @AfterEach
    void deleteStores() {
        open.close();
    }

    private LoadedTasks load(long seed, String... args) throws Exception {
        return open.load(seed, args);
    }

    private static void assertAllSplitsNonEmpty(Splits splits) {
        assertFalse(splits.train().isEmpty());
        for (Split split : Split.generalization()) {
            assertFalse(splits.evaluation(split).isEmpty(), split + " is empty");
        }
    }

    @Test
    void syntheticBySpec() throws Exception {
        LoadedTasks catalog = load(1, "synthetic");
        Splits splits = SplitBuilder.build(catalog, catalog.defaultSplitSpec(), 1);
        assertSound(catalog, splits);
        assertAllSplitsNonEmpty(splits);
        assertEquals(Set.of("Comparison", "Keyword Sentiment"),
                splits.fullyHeldOut().stream().map(Task::category).collect(Collectors.toSet()));
        assertEquals(3, splits.partiallySupervised().size());
        // 300 instances per synthetic task: 30 kept for evaluation, 270 tuned on; held-out tasks capped at 40
        splits.fullySupervised().forEach(t -> assertEquals(30, t.instances().size()));
        splits.train().forEach(t -> assertEquals(270, t.size()));
        splits.fullyHeldOut().forEach(t -> assertEquals(40, t.instances().size()));
        assertTrue(splits.notes().isEmpty(), splits.notes().toString());
    }

    @Test
    void sameSeedSameSplitsOtherSeedOthers() throws Exception {
        try (LoadedTasks catalog = TestData.load(1, "synthetic")) {
            SplitSpec spec = catalog.defaultSplitSpec();
            Splits a = SplitBuilder.build(catalog, spec, 5);
            Splits b = SplitBuilder.build(catalog, spec, 5);
            Splits c = SplitBuilder.build(catalog, spec, 6);
            assertEquals(TestData.train(a), TestData.train(b));
            assertEquals(a.evaluation(), b.evaluation());
            assertNotEquals(a.fullySupervised(), c.fullySupervised());
            assertNotEquals(TestData.train(a), TestData.train(c));
            // independent of load order
            List<Task> reversed = new ArrayList<>(TestData.tasks(catalog));
            Collections.reverse(reversed);
            try (LoadedTasks backwards = TestData.of(reversed, spec)) {
                Splits d = SplitBuilder.build(backwards, spec, 5);
                assertEquals(Set.copyOf(a.fullySupervised()), Set.copyOf(d.fullySupervised()));
                assertEquals(Set.copyOf(TestData.train(a)), Set.copyOf(TestData.train(d)));
            }
        }
    }

    @Test
    void niv2SampleByTheShippedSpec() throws Exception {
        LoadedTasks catalog = load(1, "niv2=" + SharedData.data("niv2"));
        SplitSpec spec = catalog.defaultSplitSpec();
        assertTrue(spec.useSourceSplitRoles());
        Splits splits = SplitBuilder.build(catalog, spec, 1);
        assertSound(catalog, splits);
        assertAllSplitsNonEmpty(splits);
        Set<String> fullyHeldOut = splits.fullyHeldOut().stream().map(Task::category).collect(Collectors.toSet());
        assertTrue(fullyHeldOut.containsAll(Set.of("Textual Entailment", "Coreference Resolution",
                "Dialogue Act Recognition", "Cause Effect Classification", "Word Analogy")), fullyHeldOut.toString());
        // Question Rewriting (a test task) has no tuned task in the sample: evaluated fully held out, with a note
        assertTrue(fullyHeldOut.contains("Question Rewriting"));
        assertTrue(splits.notes().stream().anyMatch(n -> n.contains("task121_zest_text_modification")));
        assertEquals(Set.of("niv2/task1332_check_leap_year", "niv2/task1404_date_conversion"),
                splits.partiallySupervised().stream().map(Task::id).collect(Collectors.toSet()));
        Map<String, Task> loaded = TestData.tasks(catalog).stream().collect(Collectors.toMap(Task::id, t -> t));
        for (Task t : splits.fullyHeldOut()) {
            // the official evaluation: the first 100 instances of each test task
            List<Instance> all = loaded.get(t.id()).instances();
            assertEquals(all.subList(0, Math.min(100, all.size())), t.instances(), t.id());
        }
        Task small = splits.fullySupervised().stream()
                .filter(t -> t.id().equals("niv2/task062_bigbench_repeat_copy_logic"))
                .findFirst().orElseThrow();
        assertEquals(14, small.instances().size(), "at most half of a 29-instance task is held out");
        assertTrue(LeakageGuard.check(splits).withExactMatches().isEmpty());
    }

    @Test
    void csvTasksSplitWithTheSyntheticSpecAndByAFile(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("csv");
        Files.createDirectories(csv);
        StringBuilder rows = new StringBuilder(
                "# category: Geography\n# instruction: Name the capital.\ninput,output\n");
        StringBuilder words = new StringBuilder("# category: Words\ninput,output,options\n");
        for (int i = 0; i < 40; i++) {
            rows.append("country ").append(i).append(",capital ").append(i).append('\n');
            words.append("word ").append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append(",even|odd\n");
        }
        Files.writeString(csv.resolve("capitals.csv"), rows);
        Files.writeString(csv.resolve("words.csv"), words);
        LoadedTasks catalog = load(1, "synthetic", "csv=" + csv);
        Splits splits = SplitBuilder.build(catalog, catalog.defaultSplitSpec(), 1);
        assertSound(catalog, splits);
        Task capitals = splits.fullySupervised().stream().filter(t -> t.id().equals("csv/capitals")).findFirst()
                .orElseThrow();
        assertEquals(20, capitals.instances().size());

        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, "{\"heldOutCategories\": [\"Geography\"], \"heldOutTasks\": [\"csv/words\"],"
                + " \"evalInstancesPerTunedTask\": 5}");
        Splits byFile = SplitBuilder.build(catalog, SplitSpec.read(spec), 1);
        assertSound(catalog, byFile);
        assertEquals(List.of("csv/capitals", "csv/words"), byFile.fullyHeldOut().stream().map(Task::id).toList());
        // csv/words is held out, but no tuned task has its category "Words": it is evaluated as fully held out
        assertTrue(byFile.notes().stream().anyMatch(n -> n.contains("csv/words")));
        byFile.fullySupervised().forEach(t -> assertEquals(5, t.instances().size()));
    }

    @Test
    void aTunedTaskWhoseInstancesShareOneInputStaysInTraining(@TempDir Path tmp) throws Exception {
        // as lm-eval tasks whose documents differ only in their targets: no instance can be evaluated without its
        // input also being a training input, so the task is tuned on and not evaluated (before: an empty task)
        Path csv = tmp.resolve("csv");
        Files.createDirectories(csv);
        StringBuilder same = new StringBuilder("# category: Echo\ninput,output\n");
        StringBuilder pairs = new StringBuilder("# category: Echo\ninput,output\n");
        for (int i = 0; i < 30; i++) {
            same.append("the same question,answer ").append(i).append('\n');
            pairs.append("question ").append(i / 2).append(",answer ").append(i).append('\n');
        }
        Files.writeString(csv.resolve("same.csv"), same);
        Files.writeString(csv.resolve("pairs.csv"), pairs);
        LoadedTasks catalog = load(1, "synthetic", "csv=" + csv);
        Splits splits = SplitBuilder.build(catalog, catalog.defaultSplitSpec(), 1);
        assertSound(catalog, splits);
        assertTrue(splits.fullySupervised().stream().noneMatch(t -> t.id().equals("csv/same")));
        assertEquals(30, splits.train().stream().filter(t -> t.task().id().equals("csv/same")).findFirst()
                .orElseThrow().size());
        assertTrue(splits.notes().contains("csv/same has 30 instances that share one input: all used for "
                + "training, none for evaluation"), splits.notes().toString());
        Task pairsEvaluated = splits.fullySupervised().stream().filter(t -> t.id().equals("csv/pairs")).findFirst()
                .orElseThrow();
        assertEquals(0, pairsEvaluated.instances().size() % 2, "pairs sharing an input stay together");
        assertTrue(LeakageGuard.check(splits).withExactMatches().isEmpty());
    }

    @Test
    void trainCapAndRandomSelection() throws Exception {
        LoadedTasks catalog = load(1, "synthetic");
        SplitSpec spec = new SplitSpec("", List.of("Counting"), List.of(), List.of("synthetic/arithmetic_add"), 10, 30,
                7, SplitSpec.Selection.RANDOM, false);
        Splits splits = SplitBuilder.build(catalog, spec, 3);
        assertSound(catalog, splits);
        splits.train().forEach(t -> assertEquals(30, t.size()));
        splits.fullyHeldOut().forEach(t -> assertEquals(7, t.instances().size()));
        assertEquals(List.of("synthetic/arithmetic_add"), splits.excluded());
        assertNotEquals(TestData.tasks(catalog).stream().filter(t -> t.category().equals("Counting")).findFirst()
                .orElseThrow().instances().subList(0, 7), splits.fullyHeldOut().get(0).instances());
        // the pool of a held-out task is all its instances
        assertEquals(300, splits.demonstrationPool(splits.fullyHeldOut().get(0).id()).orElseThrow().size());
        assertEquals(30, splits.demonstrationPool(splits.train().get(0).task().id()).orElseThrow().size());
    }
}
