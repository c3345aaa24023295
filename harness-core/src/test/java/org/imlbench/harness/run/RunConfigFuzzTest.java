package org.imlbench.harness.run;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imlbench.api.TuningConfig;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.testkit.ParserContract;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target for {@code run.json} as {@code --config} and {@code --resume} read it: an input gives a configuration or
 * an {@code IOException} naming the file; nothing else escapes.
 */
class RunConfigFuzzTest {
    private final PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private final RunLauncher launcher = new RunLauncher(PluginRegistry.discover(List.of(), false), Path.of("."),
            discard, discard);

    @TempDir
    Path dir;

    @MethodSource("seeds")
    @FuzzTest
    @Timeout(60)
    void runJson(byte[] input) throws IOException {
        Path file = dir.resolve("run.json");
        Files.write(file, input);
        ParserContract.of(IOException.class, file.toString()).check(input.length, () -> launcher.readConfig(file));
    }

    /** The run.json of an embedded run and of an eval, as the pipeline writes them. */
    static List<byte[]> seeds() throws IOException {
        RunConfig run = new RunConfig("run", List.of("synthetic"), Map.of("instances", "40"), null, 1, "optiml", 0,
                null, "djl", "embedded", null, "cpu", Map.of(), 32, List.of(), false, false,
                TuningOptions.embeddedDefault(1));
        RunConfig eval = new RunConfig("eval", List.of("bbh=../shared/data/bbh"), Map.of(), "split.json", 7,
                "bbh-cot", 3, 10, "replay", "preds.jsonl", null, "cpu", Map.of("predictions", "p.jsonl"), 64,
                List.of("exact_match"), true, true, null);
        TuningConfig recipe = TuningConfig.optIml(1000, 8, 3);
        RunConfig compare = new RunConfig("run", List.of("niv2=data/niv2"), Map.of(), null, 3, "niv2", 2, null,
                "djl", "facebook/opt-125m", "facebook/opt-iml-1.3b", "gpu:0,1", Map.of("dtype", "float16"), 128,
                List.of(), false, false, recipe);
        return List.of(manifest(run), manifest(eval), manifest(compare));
    }

    private static byte[] manifest(RunConfig config) throws IOException {
        RunManifest manifest = RunManifest.start("20261204-120000-" + config.command(), "2026-12-04T12:00:00Z",
                config, Map.of("imlbench", "0.1.0", "java", "17"), "0123abcd");
        return new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(manifest);
    }
}
