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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's main job, as a user runs it: {@code ./harness run} with no options (synthetic tasks, the embedded
 * model, CPU) evaluates, tunes, evaluates again and writes the run directory, one Allure results directory and one
 * HTML report per split; tuning must help on the fully-supervised split beyond its 95% interval.
 */
class EmbeddedRunIT {
    private static final List<String> SPLITS = List.of("fully_held_out", "partially_supervised", "fully_supervised");

    @TempDir
    Path out;

    @Test
    void embeddedDefaultRunImprovesTheFullySupervisedSplit() throws Exception {
        Launcher launcher = Launcher.locate();
        Launcher.Result result = launcher.run(Launcher.RUN_TIMEOUT_SECONDS, Map.of(), "run", "--out", out.toString(),
                "--quiet");
        assertEquals(0, result.exitCode(), result.toString());

        Path run;
        try (Stream<Path> dirs = Files.list(out)) {
            List<Path> all = dirs.toList();
            assertEquals(1, all.size(), all.toString());
            run = all.get(0);
        }
        for (String file : List.of("run.json", "summary.json", "summary.md", "site/index.html",
                "tuning/model/config.json", "tuning/model/model.safetensors")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        for (String split : SPLITS) {
            try (Stream<Path> results = Files.list(run.resolve("allure-results").resolve(split))) {
                assertTrue(results.anyMatch(p -> p.getFileName().toString().endsWith("-result.json")), split);
            }
            assertTrue(Files.isRegularFile(run.resolve("site").resolve(split).resolve("index.html")), split);
        }

        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        JsonNode fullySupervised = null;
        for (JsonNode split : summary.get("splits")) {
            if ("fully_supervised".equals(split.get("split").asText())) {
                fullySupervised = split;
            }
        }
        assertTrue(fullySupervised != null, "no fully_supervised split in summary.json");
        JsonNode delta = fullySupervised.get("deltas").get("score");
        assertTrue(delta.get("low").asDouble() > 0, "tuned - base on fully_supervised: " + delta);
    }
}
