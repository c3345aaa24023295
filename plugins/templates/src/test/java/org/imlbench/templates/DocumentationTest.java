package org.imlbench.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.Options;
import org.imlbench.api.Task;
import org.imlbench.api.TaskSource;
import org.imlbench.templates.lmeval.LmEvalTaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.junit.jupiter.api.Test;

/** The walk-through of {@code docs/tasks.md} matches its files in {@code docs/examples/lm-eval-tasks}. */
class DocumentationTest {
    private static Path repo() {
        return Path.of(System.getProperty("imlbench.repo", "../.."));
    }

    @Test
    void walkThroughTasksLoadAndTheirCategoriesSplitAsDocumented() throws Exception {
        Path example = repo().resolve("docs/examples/lm-eval-tasks");
        LoadedSuite suite = LoadedSuite.read(new LmEvalTaskProvider(), new TaskSource("lm-eval",
                Optional.of(example.resolve("tasks")), 1, false, Options.of(Map.of("data",
                example.resolve("data").toString()))));
        assertEquals(List.of("lm-eval/entailment", "lm-eval/movie_reviews"), suite.tasks().stream().map(Task::id)
                .toList());
        assertEquals("Natural Language Inference", suite.task("lm-eval/entailment").category());
        assertEquals("sentiment", suite.task("lm-eval/movie_reviews").category());
        assertEquals(260, suite.task("lm-eval/movie_reviews").instances().size());
        Object heldOut = new ObjectMapper().readTree(suite.info().defaultSplitSpec().orElseThrow())
                .get("heldOutCategories").get(0).asText();
        assertEquals("Natural Language Inference", heldOut);
        String doc = Files.readString(repo().resolve("docs/tasks.md"));
        String yaml = Files.readString(example.resolve("tasks/reviews.yaml"));
        assertTrue(doc.contains(yaml.strip().replace("\n", "\n   ")),
                "docs/tasks.md shows tasks/reviews.yaml as it is");
    }
}
