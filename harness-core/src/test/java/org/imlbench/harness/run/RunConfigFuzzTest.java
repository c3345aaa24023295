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
import org.imlbench.rundir.RunMode;
import org.imlbench.rundir.Shard;
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
        RunConfig run = RunConfig.builder(RunMode.RUN).taskOptions(Map.of("instances", "40"))
                .tuning(TuningOptions.embeddedDefault(1)).build();
        RunConfig eval = RunConfig.builder(RunMode.EVAL).tasks(List.of("bbh=../shared/data/bbh"))
                .taskOptions(Map.of()).splitSpec("split.json").seed(7).format("bbh-cot").shots(3).limit(10)
                .backend("replay").model("preds.jsonl").backendOptions(Map.of("predictions", "p.jsonl"))
                .maxNewTokens(64).metrics(List.of("exact_match")).headlineMetric("exact_match")
                .allowOverlap(true).skipBadTasks(true).shard(Shard.parse("2/3")).build();
        RunConfig compare = RunConfig.builder(RunMode.RUN).tasks(List.of("niv2=data/niv2")).seed(3).format("niv2")
                .shots(2).model("facebook/opt-125m").tuned("facebook/opt-iml-1.3b").device("gpu:0,1")
                .backendOptions(Map.of("dtype", "float16")).maxNewTokens(128)
                .tuning(TuningConfig.optIml(1000, 8, 3)).build();
        return List.of(manifest(run), manifest(eval), manifest(compare));
    }

    private static byte[] manifest(RunConfig config) throws IOException {
        RunManifest manifest = RunManifest.start("20261204-120000-" + config.command(), "2026-12-04T12:00:00Z",
                config, Map.of("imlbench", "0.1.0", "java", "17"), "0123abcd");
        return new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(manifest);
    }
}
