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
import org.imlbench.api.Options;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.UsageException;
import org.imlbench.harness.splits.TestData;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCatalogTest {
    @Test
    void parsesKindAndPath() {
        assertEquals(new TaskArgument("synthetic", Optional.empty()), TaskArgument.parse("synthetic"));
        assertEquals(new TaskArgument("niv2", Optional.of("a=b/dir")), TaskArgument.parse("niv2=a=b/dir"));
        assertThrows(IllegalArgumentException.class, () -> TaskArgument.parse("niv2="));
        assertThrows(IllegalArgumentException.class, () -> TaskArgument.parse("=dir"));
        assertThrows(IllegalArgumentException.class, () -> TaskArgument.parse("NI V2=dir"));
        assertEquals("csv=x.csv", TaskArgument.parse(" csv=x.csv ").toString());
    }

    @Test
    void noArgumentsMeansSyntheticAndOptionsReachTheProvider() throws Exception {
        TaskCatalog catalog = TaskCatalog.load(TestData.plugins(), List.of(), Path.of(""), 1, false,
                Options.of(Map.of("instances", "10")));
        assertEquals(24, catalog.tasks().size());
        catalog.tasks().forEach(t -> assertEquals(10, t.instances().size()));
        assertTrue(catalog.defaultSplitSpec().heldOutCategories().contains("Comparison"));
        assertTrue(catalog.instanceIds().contains("synthetic/arithmetic_add", "arithmetic_add/9"));
        assertFalse(catalog.instanceIds().contains("synthetic/arithmetic_add", "arithmetic_add/10"));
    }

    @Test
    void duplicateTaskIdsAcrossSourcesAreRefused(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("t.csv");
        Files.writeString(csv, "input,output\na,b\n");
        TaskLoadException e = assertThrows(TaskLoadException.class, () -> TaskCatalog.load(TestData.plugins(),
                List.of("csv=" + csv, "csv=" + tmp), tmp, 1, false, Options.empty()));
        assertTrue(e.getMessage().contains("csv/t") && e.getMessage().contains("also given by --tasks csv="),
                e.getMessage());
    }

    @Test
    void relativePathsResolveAgainstTheWorkDirAndUnknownKindsAreNamed(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("t.csv"), "input,output\na,b\n");
        assertEquals("csv/t", TaskCatalog.load(TestData.plugins(), List.of("csv=t.csv"), tmp, 1, false, Options.empty())
                .tasks().get(0).id());
        UsageException e = assertThrows(UsageException.class,
                () -> TestData.load(1, "nosuch=dir"));
        assertTrue(e.getMessage().contains("nosuch") && e.getMessage().contains("synthetic"), e.getMessage());
    }

    @Test
    void skipBadTasksKeepsTheRestAndReportsProblems(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("a.csv"), "input,output\na,b\n");
        Files.writeString(tmp.resolve("b.csv"), "input,output,extra\na,b,c\n");
        assertThrows(TaskLoadException.class, () -> TaskCatalog.load(TestData.plugins(), List.of("csv=" + tmp), tmp,
                1, false, Options.empty()));
        TaskCatalog catalog = TaskCatalog.load(TestData.plugins(), List.of("csv=" + tmp), tmp, 1, true, Options.empty());
        assertEquals(1, catalog.tasks().size());
        assertEquals(1, catalog.problems().size());
        assertTrue(catalog.problems().get(0).toString().contains("b.csv: line 1: unknown column \"extra\""));
    }

    @Test
    void specsOfSeveralSourcesAreMerged() throws Exception {
        TaskCatalog catalog = TestData.load(1, "niv2=" + SharedData.data("niv2"), "bbh=" + SharedData.data("bbh"));
        assertTrue(catalog.defaultSplitSpec().heldOutCategories().containsAll(List.of("Word Analogy",
                "BIG-Bench Hard")));
        assertEquals(25 + 27, catalog.tasks().size());
        // each source keeps its own evaluation cap: NIv2 test tasks their first 100 instances, BBH all of them
        assertEquals(Map.of("niv2", 100, "bbh", 0), catalog.defaultSplitSpec().evalCapPerSource());
        org.imlbench.harness.splits.Splits splits = org.imlbench.harness.splits.SplitBuilder.build(catalog.tasks(),
                catalog.defaultSplitSpec(), 1);
        splits.fullyHeldOut().forEach(t -> {
            int loaded = catalog.tasks().stream().filter(l -> l.id().equals(t.id())).findFirst().orElseThrow()
                    .instances().size();
            assertEquals(t.source().equals("bbh") ? loaded : Math.min(100, loaded), t.instances().size(), t.id());
        });
        assertTrue(TestData.load(1, "synthetic").defaultSplitSpec().evalCapPerSource().isEmpty());
    }
}
