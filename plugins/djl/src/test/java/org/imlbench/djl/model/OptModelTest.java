package org.imlbench.djl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.imlbench.djl.testing.Golden;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.hf.checkpoint.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OptModel on random weights: save/load round trip, seeding, padding invariance, and gradients. */
class OptModelTest {
    static OptConfig tiny(boolean preLn, int projDim) {
        return new OptConfig(300, 32, 2, 4, 64, 40, projDim, preLn, "relu", 0.1, 0.0, true, true, 1, 2, 2,
                "float32");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void savedModelReadsBackWithIdenticalLogits(boolean preLn, @TempDir Path dir) throws Exception {
        OptConfig config = tiny(preLn, preLn ? 32 : 16);
        try (OptModel model = OptModel.random(config, 7, Device.cpu())) {
            model.save(dir.resolve("ckpt"), (Path) null);
            try (Checkpoint cp = Checkpoints.open(dir.resolve("ckpt"));
                 OptModel back = OptModel.load(cp, Device.cpu(), DataType.FLOAT32)) {
                assertEquals(model.parameters().keySet(), back.parameters().keySet());
                assertEquals(config, back.config());
                float[] a = logits(model, new long[] {2, 10, 20, 30});
                float[] b = logits(back, new long[] {2, 10, 20, 30});
                assertTrue(Arrays.equals(a, b), "logits differ after a round trip");
            }
        }
    }

    @Test
    void seedDeterminesWeights() {
        try (OptModel a = OptModel.random(tiny(true, 32), 1, Device.cpu());
             OptModel b = OptModel.random(tiny(true, 32), 1, Device.cpu());
             OptModel c = OptModel.random(tiny(true, 32), 2, Device.cpu())) {
            float[] la = logits(a, new long[] {2, 5, 6});
            assertTrue(Arrays.equals(la, logits(b, new long[] {2, 5, 6})));
            assertNotEquals(la[0], logits(c, new long[] {2, 5, 6})[0]);
            float[] pad = a.parameters().get("decoder.embed_tokens.weight").get(1).toFloatArray();
            assertTrue(Arrays.equals(pad, new float[32]), "padding row of the token embedding must be zero");
            assertEquals(1f, a.parameters().get("decoder.layers.0.final_layer_norm.weight").getFloat(3));
        }
    }

    @Test
    void leftPaddingDoesNotChangeRealPositions() {
        try (OptModel model = OptModel.random(tiny(true, 32), 3, Device.cpu());
             NDManager m = model.manager().newSubManager()) {
            float[] alone = logits(model, new long[] {2, 11, 12, 13});
            int[][] mask = {{0, 0, 1, 1, 1, 1}};
            NDArray out = model.forward(m.create(new long[] {1, 1, 2, 11, 12, 13}, new Shape(1, 6)),
                    Positions.toArray(m, Positions.fromMask(mask)), AttentionMasks.causal(m, mask, 6), null,
                    ForwardMode.INFERENCE);
            float[] padded = out.get(":, 2:, :").toFloatArray();
            for (int i = 0; i < alone.length; i++) {
                assertEquals(alone[i], padded[i], 1e-5, "logit " + i);
            }
        }
    }

    @Test
    void float16IsRefusedOnCpu() {
        try (OptModel model = OptModel.random(tiny(true, 32), 3, Device.cpu())) {
            assertThrows(IllegalArgumentException.class, () -> OptModel.load(new ParametersCheckpoint(model),
                    Device.cpu(), DataType.FLOAT16));
        }
    }

    /** Training mode through closed intermediate scopes still back-propagates: the golden gradient norm. */
    @Test
    void targetOnlyLossAndGradientMatchReference() throws Exception {
        JsonNode g = Golden.of("opt-tiny").get("target_only_loss");
        try (Checkpoint cp = Checkpoints.open(Golden.fixturesDir().resolve("opt-tiny"));
             OptModel model = OptModel.load(cp, Device.cpu(), DataType.FLOAT32);
             NDManager m = model.manager().newSubManager()) {
            int rows = g.get("source_ids").size();
            int[][] seq = new int[rows][];
            int[] sourceLen = new int[rows];
            int width = 0;
            for (int r = 0; r < rows; r++) {
                int[] s = Golden.ints(g.get("source_ids").get(r));
                int[] t = Golden.ints(g.get("target_ids").get(r));
                sourceLen[r] = s.length;
                seq[r] = new int[s.length + t.length];
                System.arraycopy(s, 0, seq[r], 0, s.length);
                System.arraycopy(t, 0, seq[r], s.length, t.length);
                width = Math.max(width, seq[r].length);
            }
            long[] ids = new long[rows * width];
            long[] targets = new long[rows * width];
            float[] weight = new float[rows * width];
            int[][] mask = new int[rows][width];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    boolean real = j < seq[r].length;
                    ids[r * width + j] = real ? seq[r][j] : 1;
                    mask[r][j] = real ? 1 : 0;
                    if (j + 1 < seq[r].length && j + 1 >= sourceLen[r]) {
                        targets[r * width + j] = seq[r][j + 1];
                        weight[r * width + j] = 1f;
                    }
                }
            }
            model.parameters().values().forEach(p -> p.setRequiresGradient(true));
            double loss;
            try (GradientCollector gc = Engine.getEngine(DjlEngine.NAME).newGradientCollector()) {
                NDArray logits = model.forward(m.create(ids, new Shape(rows, width)),
                        Positions.toArray(m, Positions.fromMask(mask)), AttentionMasks.causal(m, mask, width), null,
                        new ForwardMode.Training(0f));
                NDArray picked = logits.logSoftmax(-1).gather(m.create(targets, new Shape(rows, width, 1)), 2)
                        .reshape(rows, width);
                NDArray w = m.create(weight, new Shape(rows, width));
                NDArray nll = picked.mul(w).sum().neg().div(w.sum());
                loss = nll.getFloat();
                gc.backward(nll);
            }
            double sq = 0;
            for (NDArray p : model.parameters().values()) {
                NDArray grad = p.getGradient();
                sq += grad.square().sum().getFloat();
            }
            assertEquals(g.get("mean_nll_over_target_tokens").asDouble(), loss, 1e-4);
            assertEquals(g.get("global_grad_l2_norm").asDouble(), Math.sqrt(sq), 1e-4);
        }
    }

    static float[] logits(OptModel model, long[] ids) {
        try (NDManager m = model.manager().newSubManager()) {
            int[][] mask = {new int[ids.length]};
            Arrays.fill(mask[0], 1);
            return model.forward(m.create(ids, new Shape(1, ids.length)),
                    Positions.toArray(m, Positions.fromMask(mask)), AttentionMasks.causal(m, mask, ids.length), null,
                    ForwardMode.INFERENCE).toFloatArray();
        }
    }

    /** A checkpoint view of a model's own parameters (for load-path tests without files). */
    record ParametersCheckpoint(OptModel model) implements Checkpoint {
        @Override
        public Path directory() {
            return Path.of("in-memory");
        }

        @Override
        public OptConfig config() {
            return model.config();
        }

        @Override
        public Set<String> tensorNames() {
            return model.parameters().keySet();
        }

        @Override
        public TensorData tensor(String name) {
            NDArray a = model.parameters().get(name);
            return new TensorData(name, a.getShape().getShape(), "F32",
                    FloatBuffer.wrap(a.toFloatArray()));
        }

        @Override
        public void close() {
        }
    }
}
