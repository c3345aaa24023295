package org.imlbench.harness.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.imlbench.harness.plugins.PluginJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metric plugin written from the README's guide ({@code docs/examples/first-word-metric}), dropped in and chosen
 * with {@code --metrics first_word,rouge_l}: its numbers must be visible wherever people read results — every task's
 * rows in summary.md and the index page, the Allure results' parameters — and {@code --headline-metric first_word}
 * must make categories and splits aggregate it.
 */
class MetricPluginIT {
    @TempDir
    Path temp;

    @Test
    void aDropInMetricIsShownForEveryTaskAndCanBeTheHeadline() throws Exception {
        Launcher launcher = Launcher.locate();
        Path sources = Path.of(System.getProperty("imlbench.repo", ".."))
                .resolve("docs/examples/first-word-metric/src");
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        PluginJar.in(temp.resolve("build")).sourceTree(sources).modulePath(List.of(launcher.apiJar()))
                .moduleVersion("1.0.0").jar(plugins.resolve("first-word-metric.jar"));
        Path out = temp.resolve("runs");
        Launcher.Result result = launcher.run(Launcher.RUN_TIMEOUT_SECONDS, Map.of(), "--plugins", plugins.toString(),
                "--strict", "run", "--out", out.toString(), "--quiet", "--metrics", "first_word,rouge_l",
                "--headline-metric", "first_word", "--task-option", "instances=30", "--steps", "10");
        assertEquals(0, result.exitCode(), result.toString());
        Path run;
        try (Stream<Path> dirs = Files.list(out)) {
            run = dirs.findFirst().orElseThrow();
        }

        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        int tasks = 0;
        int generationTasks = 0;
        for (JsonNode task : summary.get("tasks")) {
            tasks++;
            assertEquals("first_word", task.get("headline_metric").asText(), task.get("task").asText());
            for (String role : List.of("base", "tuned")) {
                JsonNode metrics = task.get("results").get(role).get("metrics");
                assertTrue(metrics.has("first_word"), task.get("task").asText() + " " + role);
                generationTasks += role.equals("base") && metrics.has("rouge_l") ? 1 : 0;
            }
        }
        assertTrue(tasks >= 20 && generationTasks >= 5, tasks + " tasks, " + generationTasks + " with rouge_l");
        for (JsonNode split : summary.get("splits")) {
            JsonNode base = split.get("results").get("base").get("metrics");
            // the split's headline score is the macro average of first_word over the same tasks
            assertEquals(base.get("first_word").get("value").asDouble(), base.get("score").get("value").asDouble(),
                    1e-12, split.get("split").asText());
        }
        assertTrue(summary.get("method").get("headline").asText().startsWith("first_word"));

        String markdown = Files.readString(run.resolve("summary.md"));
        assertEquals(tasks, count(markdown, "| **first_word** |"), "one headline row per task in summary.md");
        assertEquals(generationTasks, count(markdown, "| rouge_l |"), "one rouge_l row per generation task");
        String index = Files.readString(run.resolve("site/index.html"));
        assertEquals(tasks, count(index, "<b>first_word</b>"), "every task's first_word on the index page");
        assertEquals(generationTasks, count(index, "<td>rouge_l</td>"), "every task's rouge_l on the index page");

        int withParameter = 0;
        for (String split : List.of("fully_held_out", "partially_supervised", "fully_supervised")) {
            try (Stream<Path> files = Files.list(run.resolve("allure-results").resolve(split))) {
                for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                    String text = Files.readString(file);
                    assertTrue(text.contains("\"first_word (headline)\""), file.toString());
                    withParameter++;
                }
            }
        }
        assertEquals(tasks, withParameter);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
