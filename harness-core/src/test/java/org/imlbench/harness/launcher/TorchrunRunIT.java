package org.imlbench.harness.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.imlbench.testkit.PythonTorch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default run with its tuning handed to PyTorch: {@code ./harness run --tune-backend torchrun
 * --backend-option nproc-per-node=2} evaluates with djl, tunes with two torchrun ranks (gloo), evaluates the tuned
 * checkpoint with djl and writes every report; tuning must still help on the fully-supervised split.
 */
class TorchrunRunIT {
    @TempDir
    Path out;

    @Test
    void embeddedDefaultRunTunedByTorchrun() throws Exception {
        String python = PythonTorch.require();
        Launcher launcher = Launcher.locate();
        List<String> args = new ArrayList<>(List.of("run", "--tune-backend", "torchrun", "--backend-option",
                "nproc-per-node=2", "--out", out.toString(), "--quiet"));
        if (System.getenv("IMLBENCH_PYTHON") != null) {
            args.addAll(List.of("--backend-option", "python=" + python));    // else the backend finds it itself
        }
        Launcher.Result result = launcher.run(Launcher.RUN_TIMEOUT_SECONDS, Map.of(), args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.toString());

        Path run;
        try (Stream<Path> dirs = Files.list(out)) {
            run = dirs.findFirst().orElseThrow();
        }
        for (String file : List.of("summary.json", "summary.md", "site/index.html", "tuning/model/config.json",
                "tuning/model/model.safetensors", "tuning/progress.jsonl", "tuning/loss.png", "tuning/loss.csv",
                "tuning/trainer.py", "tuning/data/request.json", "tuning/logs/rank-1.log")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file + "\n" + result);
        }
        assertEquals(301, Files.readAllLines(run.resolve("tuning/loss.csv")).size(), "300 steps");
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(run.resolve("run.json").toFile());
        assertEquals("torchrun", manifest.get("config").get("tuneBackend").asText());
        assertEquals("djl", manifest.get("models").get("tuned").get("backend").asText());
        JsonNode fullySupervised = null;
        for (JsonNode split : json.readTree(run.resolve("summary.json").toFile()).get("splits")) {
            if ("fully_supervised".equals(split.get("split").asText())) {
                fullySupervised = split;
            }
        }
        assertTrue(fullySupervised != null, "no fully_supervised split in summary.json");
        JsonNode delta = fullySupervised.get("deltas").get("score");
        assertTrue(delta.get("low").asDouble() > 0, "tuned - base on fully_supervised: " + delta);
    }
}
