package org.imlbench.harness.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.SourceSplitRole;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.UsageException;
import org.imlbench.harness.splits.SplitBuilder;
import org.imlbench.harness.splits.Splits;
import org.imlbench.harness.splits.TestData;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSourcesTest {
    private static LoadedTasks load(Path workDir, boolean skip, List<String> args) throws Exception {
        return TaskSources.resolve(TestData.plugins(), args, workDir, 1, skip, Map.of()).read(LoadProgress.NONE);
    }

    @Test
    void parsesKindAndPath() {
        assertEquals(new TaskArgument("synthetic", Optional.empty()), TaskArgument.parse("synthetic"));
        assertEquals(new TaskArgument("niv2", Optional.of("a=b/dir")), TaskArgument.parse("niv2=a=b/dir"));
        assertThrows(UsageException.class, () -> TaskArgument.parse("niv2="));
        assertThrows(UsageException.class, () -> TaskArgument.parse("=dir"));
        assertThrows(UsageException.class, () -> TaskArgument.parse("NI V2=dir"));
        assertEquals("csv=x.csv", TaskArgument.parse(" csv=x.csv ").toString());
    }

    @Test
    void noArgumentsMeansSyntheticAndOptionsReachTheProvider() throws Exception {
        try (LoadedTasks loaded = TaskSources.resolve(TestData.plugins(), List.of(), Path.of(""), 1, false,
                Map.of("instances", "10")).read(LoadProgress.NONE)) {
            assertEquals(24, loaded.tasks().size());
            loaded.tasks().forEach(t -> assertEquals(10, t.size()));
            assertEquals(240, loaded.instanceCount());
            assertTrue(loaded.defaultSplitSpec().heldOutCategories().contains("Comparison"));
            assertTrue(loaded.knownInstances().contains("synthetic/arithmetic_add", "arithmetic_add/9"));
            assertFalse(loaded.knownInstances().contains("synthetic/arithmetic_add", "arithmetic_add/10"));
            assertFalse(loaded.knownInstances().contains("synthetic/no_such_task", "arithmetic_add/1"));
            assertEquals(24, loaded.knownInstances().taskIds().size());
            // what the store gives back is what the provider gave
            LoadedTask add = loaded.tasks().stream().filter(t -> t.id().equals("synthetic/arithmetic_add")).findFirst()
                    .orElseThrow();
            assertEquals("arithmetic_add/3", loaded.instance(add, 3).id());
        }
    }

    @Test
    void unknownKindsAndOptionKeysAreUsageErrorsBeforeAnythingIsRead(@TempDir Path tmp) {
        UsageException kind = assertThrows(UsageException.class,
                () -> TaskSources.resolve(TestData.plugins(), List.of("nosuch=dir"), tmp, 1, false, Map.of()));
        assertTrue(kind.getMessage().contains("nosuch") && kind.getMessage().contains("synthetic"), kind.getMessage());
        UsageException key = assertThrows(UsageException.class, () -> TaskSources.resolve(TestData.plugins(),
                List.of("synthetic"), tmp, 1, false, Map.of("instancez", "3")));
        assertTrue(key.getMessage().contains("instancez"), key.getMessage());
    }

    @Test
    void duplicateTaskIdsAcrossSourcesAreRefused(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("t.csv");
        Files.writeString(csv, "input,output\na,b\n");
        TaskLoadException e = assertThrows(TaskLoadException.class, () -> load(tmp, false,
                List.of("csv=" + csv, "csv=" + tmp)));
        assertTrue(e.getMessage().contains("csv/t") && e.getMessage().contains("also given by --tasks csv="),
                e.getMessage());
    }

    @Test
    void relativePathsResolveAgainstTheWorkDir(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("t.csv"), "input,output\na,b\n");
        try (LoadedTasks loaded = load(tmp, false, List.of("csv=t.csv"))) {
            assertEquals("csv/t", loaded.tasks().get(0).id());
            assertEquals("csv=t.csv", loaded.sourceOf(loaded.tasks().get(0)).toString());
        }
    }

    @Test
    void skipBadTasksKeepsTheRestAndReportsProblems(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("a.csv"), "input,output\na,b\n");
        Files.writeString(tmp.resolve("b.csv"), "input,output,extra\na,b,c\n");
        assertThrows(TaskLoadException.class, () -> load(tmp, false, List.of("csv=" + tmp)));
        try (LoadedTasks loaded = load(tmp, true, List.of("csv=" + tmp))) {
            assertEquals(1, loaded.tasks().size());
            assertEquals(1, loaded.problems().size());
            assertTrue(loaded.problems().get(0).toString().contains("b.csv: line 1: unknown column \"extra\""));
        }
    }

    @Test
    void theStoreIsDeletedOnClose(@TempDir Path tmp) throws Exception {
        LoadedTasks loaded = load(tmp, false, List.of("synthetic"));
        long stored = loaded.storedBytes();
        assertTrue(stored > 0);
        loaded.close();
        assertThrows(IllegalStateException.class, () -> loaded.instance(loaded.tasks().get(0), 0));
    }

    @Test
    void specsOfSeveralSourcesAreMergedAndSourceRolesKept() throws Exception {
        try (LoadedTasks loaded = TestData.load(1, "niv2=" + SharedData.data("niv2"),
                "bbh=" + SharedData.data("bbh"))) {
            assertTrue(loaded.defaultSplitSpec().heldOutCategories().containsAll(List.of("Word Analogy",
                    "BIG-Bench Hard")));
            assertEquals(25 + 27, loaded.tasks().size());
            // each source keeps its own evaluation cap: NIv2 test tasks their first 100 instances, BBH all of them
            assertEquals(Map.of("niv2", 100, "bbh", 0), loaded.defaultSplitSpec().evalCapPerSource());
            LoadedTask entailment = loaded.tasks().stream().filter(t -> t.id().equals("niv2/task1388_cb_entailment"))
                    .findFirst().orElseThrow();
            assertEquals(Optional.of(SourceSplitRole.HELD_OUT), entailment.role());
            Splits splits = SplitBuilder.build(loaded, loaded.defaultSplitSpec(), 1);
            splits.fullyHeldOut().forEach(t -> {
                int size = loaded.tasks().stream().filter(l -> l.id().equals(t.id())).findFirst().orElseThrow()
                        .size();
                assertEquals(t.source().equals("bbh") ? size : Math.min(100, size), t.instances().size(), t.id());
            });
        }
        try (LoadedTasks synthetic = TestData.load(1, "synthetic")) {
            assertTrue(synthetic.defaultSplitSpec().evalCapPerSource().isEmpty());
        }
    }
}
