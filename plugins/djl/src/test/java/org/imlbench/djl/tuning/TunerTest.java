package org.imlbench.djl.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.api.TrainingExample;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.TuningProgress;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.djl.testing.Golden;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.tokenizer.ByteTokenizer;
import org.imlbench.tuningdata.EncodedExample;
import org.imlbench.tuningdata.ExampleEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuner end to end in this JVM: output layout, refusals, finished runs, unpacked mode. */
class TunerTest {
    @TempDir
    Path temp;

    private static TuningConfig config(int steps, boolean packing, long seed) {
        return new TuningConfig(steps, 2, 1, 40, packing, 3e-3, 1, 0.9, 0.95, 1e-8, 0.0, 1.0, 0.0, 1, 0, 10,
                Map.of(), seed);
    }

    private TuningRequest request(Path out, TuningConfig config, boolean resume) {
        return new TuningRequest(new ModelRequest(Golden.fixturesDir().resolve("opt-tiny").toString(), "cpu",
                Options.of(Map.of("threads", "1"))), out, TuningChild.examples(), config, resume);
    }

    @Test
    void writesAReloadableCheckpointAndRefusesToMixRuns() throws Exception {
        Path out = temp.resolve("run");
        List<TuningProgress> seen = new ArrayList<>();
        TuningResult result = Tuner.tune(request(out, config(3, true, 1), false), seen::add);
        assertEquals(out.resolve("model").toAbsolutePath().normalize(), result.checkpoint());
        assertEquals(3, result.lossCurve().size());
        assertEquals(seen, result.lossCurve());
        assertEquals(List.of(1, 2, 3), seen.stream().map(TuningProgress::step).toList());
        assertTrue(seen.get(0).learningRate() > seen.get(2).learningRate(), "the rate decays after warm-up");
        assertTrue(result.tokens() > 0);
        try (Checkpoint cp = Checkpoints.open(result.checkpoint());
             Checkpoint base = Checkpoints.open(Golden.fixturesDir().resolve("opt-tiny"))) {
            assertEquals(base.tensorNames(), cp.tensorNames());
            assertEquals(base.config(), cp.config());
        }
        assertTrue(Files.isRegularFile(result.checkpoint().resolve("vocab.json")), "tokenizer files travel along");
        assertTrue(Files.size(out.resolve("loss.png")) > 1000);

        IOException fresh = assertThrows(IOException.class,
                () -> Tuner.tune(request(out, config(3, true, 1), false), p -> { }));
        assertTrue(fresh.getMessage().contains("resume"), fresh.getMessage());
        IOException other = assertThrows(IOException.class,
                () -> Tuner.tune(request(out, config(3, true, 2), true), p -> { }));
        assertTrue(other.getMessage().contains("another recipe"), other.getMessage());

        List<TuningProgress> again = new ArrayList<>();
        TuningResult finished = Tuner.tune(request(out, config(3, true, 1), true), again::add);
        assertEquals(result.lossCurve(), finished.lossCurve(), "a finished run is not tuned again");
        assertTrue(again.isEmpty());
    }

    /** opt-tiny has 64 positions; the OPT-IML recipe's 2048-token windows used to fail inside PyTorch. */
    @Test
    void cutsTheWindowToTheModelsPositions() throws Exception {
        TuningConfig paper = TuningConfig.optImlBuilder().steps(1).batchSize(2).perTaskCap(10).seed(4).build();
        assertEquals(2048, paper.maxSeqLen());
        TuningResult result = Tuner.tune(request(temp.resolve("long"), paper, false), p -> { });
        assertEquals(1, result.lossCurve().size());
        assertTrue(Double.isFinite(result.lossCurve().get(0).loss()));
    }

    @Test
    void tunesUnpackedToo() throws Exception {
        TuningResult result = Tuner.tune(request(temp.resolve("unpacked"), config(2, false, 3), false), p -> { });
        assertEquals(2, result.lossCurve().size());
        assertTrue(Double.isFinite(result.lossCurve().get(1).loss()));
    }

    @Test
    void encoderAddsBosToTheSourceAndEosToTheTarget() {
        EncodedExample e = new ExampleEncoder(new ByteTokenizer()).encode(new TrainingExample("t", "Hi", " ok"));
        assertArrayEquals(new int[] {2, 4 + 'H', 4 + 'i'}, e.source());
        assertArrayEquals(new int[] {4 + ' ', 4 + 'o', 4 + 'k', 2}, e.target());
        assertThrows(IllegalArgumentException.class,
                () -> new ExampleEncoder(new ByteTokenizer()).encode(new TrainingExample("t", "Hi", "")));
    }
}
