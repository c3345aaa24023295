package org.imlbench.harness.splits;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.testkit.ParserContract;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target for split spec files ({@code --split FILE}): an input gives a spec whose numbers are in range and whose
 * JSON reads back as the same spec, or a {@code SplitSpecException} naming the file; nothing else escapes.
 */
class SplitSpecFuzzTest {
    @TempDir
    Path dir;

    @MethodSource("seeds")
    @FuzzTest
    @Timeout(60)
    void splitSpec(byte[] input) throws IOException {
        Path file = dir.resolve("split.json");
        Files.write(file, input);
        ParserContract.of(SplitSpecException.class, file.toString()).check(input.length, () -> {
            SplitSpec spec = SplitSpec.read(file);
            if (spec.evalInstancesPerTunedTask() < 0 || spec.trainCapPerTask() < 0 || spec.evalCapPerTask() < 0
                    || spec.evalCapPerSource().values().stream().anyMatch(cap -> cap < 0)) {
                throw new AssertionError("accepted a negative count: " + spec);
            }
            if (!SplitSpec.parse(spec.toJson(), "round trip").equals(spec)) {
                throw new AssertionError("does not read back as itself: " + spec.toJson());
            }
        });
    }

    /** The default specs the built-in task sources ship, and the harness's own default. */
    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(SplitSpec.defaults().toJson().getBytes(StandardCharsets.UTF_8));
        for (String source : List.of("bbh", "synthetic", "niv2")) {
            try (InputStream in = SplitSpecFuzzTest.class.getResourceAsStream(
                    "/org/imlbench/tasks/" + source + "/" + source + "-split.json")) {
                if (in != null) {
                    seeds.add(in.readAllBytes());
                }
            }
        }
        return seeds;
    }
}
