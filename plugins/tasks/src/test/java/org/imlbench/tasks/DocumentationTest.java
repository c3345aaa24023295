package org.imlbench.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.Options;
import org.imlbench.api.Task;
import org.imlbench.api.TaskSource;
import org.imlbench.tasks.csv.CsvTaskProvider;
import org.imlbench.tasks.synthetic.SyntheticTaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.junit.jupiter.api.Test;

/** The CSV examples and the task list of {@code docs/tasks.md} match the code. */
class DocumentationTest {
    private static Path repo() {
        return Path.of(System.getProperty("imlbench.repo", "../.."));
    }

    @Test
    void csvExamplesLoad() throws Exception {
        LoadedSuite suite = LoadedSuite.read(new CsvTaskProvider(), new TaskSource("csv",
                Optional.of(repo().resolve("docs/examples/csv-tasks")), 1, false, Options.empty()));
        assertEquals(List.of("csv/antonyms", "csv/common_sense_yes_no"), suite.tasks().stream().map(Task::id).toList());
        Task antonyms = suite.tasks().get(0);
        assertEquals("Word Semantics", antonyms.category());
        assertEquals(List.of("small", "little"), antonyms.instances().get(1).references());
        assertTrue(suite.tasks().get(1).hasOptions());
        assertEquals("Commonsense Classification", suite.tasks().get(1).category());
    }

    @Test
    void docsListEverySyntheticTask() throws Exception {
        String doc = Files.readString(repo().resolve("docs/tasks.md"));
        for (Task task : LoadedSuite.read(new SyntheticTaskProvider(),
                new TaskSource("synthetic", Optional.empty(), 1, false,
                Options.of(Map.of("instances", "5")))).tasks()) {
            String name = task.id().substring("synthetic/".length());
            assertTrue(doc.contains("`" + name + "`"), name + " is missing from docs/tasks.md");
            assertTrue(doc.contains("| " + task.category() + " |"), task.category());
        }
    }
}
