package org.imlbench.djl.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.djl.model.DjlEngine;
import org.imlbench.djl.model.OptModel;
import org.imlbench.djl.testing.Golden;
import org.imlbench.tuningdata.EncodedExample;
import org.junit.jupiter.api.Test;

/** AdamW against a float64 reference, data parallelism, accumulation and mixed precision. */
class OptimizerTest {
    @Test
    void adamWMatchesAFloat64Reference() {
        DjlEngine.start(0);
        float[] p0 = {0.5f, -1.25f, 2.0f, 0.0f};
        float[][] grads = {{0.1f, -0.2f, 0.3f, 1e-3f}, {-0.4f, 0.1f, 0.0f, 2.0f}, {0.2f, 0.2f, -0.1f, -0.5f}};
        double lr = 0.05;
        double wd = 0.1;
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray w = m.create(p0, new Shape(4));
            NDArray b = m.create(p0, new Shape(4));
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("layer.weight", w);
            params.put("layer.bias", b);
            AdamW adam = new AdamW(params, 0.9, 0.95, 1e-8, wd);
            double[] rw = toDouble(p0);
            double[] rb = toDouble(p0);
            double[][] state = new double[4][4];
            for (int t = 1; t <= grads.length; t++) {
                NDArray g = m.create(grads[t - 1], new Shape(4));
                adam.step(params, Map.of("layer.weight", g, "layer.bias", g), lr);
                reference(rw, grads[t - 1], state[0], state[1], t, lr, wd);
                reference(rb, grads[t - 1], state[2], state[3], t, lr, 0);   // biases are not decayed
            }
            float[] gotW = w.toFloatArray();
            float[] gotB = b.toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(rw[i], gotW[i], 1e-6, "weight " + i);
                assertEquals(rb[i], gotB[i], 1e-6, "bias " + i);
            }
            assertEquals(3, adam.updates());
            adam.close();
        }
    }

    private static void reference(double[] p, float[] g, double[] m, double[] v, int t, double lr, double wd) {
        for (int i = 0; i < p.length; i++) {
            p[i] *= 1 - lr * wd;
            m[i] = 0.9 * m[i] + 0.1 * g[i];
            v[i] = 0.95 * v[i] + 0.05 * g[i] * g[i];
            double mh = m[i] / (1 - Math.pow(0.9, t));
            double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.95, t)) + 1e-8;
            p[i] -= lr * mh / denom;
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void twoReplicasEqualOneReplicaOnTheFullBatch() throws Exception {
        List<List<EncodedExample>> data = TinyModels.oneEach(TinyModels.examples(20, 12, 8, 5));
        try (OptModel single = TinyModels.load("opt-tiny");
             OptModel a = TinyModels.load("opt-tiny");
             OptModel b = TinyModels.load("opt-tiny");
             DataParallelTrainer one = new DataParallelTrainer(List.of(single), TinyModels.comparable(1, 1e-6));
             DataParallelTrainer two = new DataParallelTrainer(List.of(a, b), TinyModels.comparable(1, 1e-6))) {
            for (int step = 0; step < 5; step++) {
                // uneven target counts per half make a plain mean of replica means differ from the batch mean
                List<List<EncodedExample>> batch = data.subList(step * 4, step * 4 + 4);
                StepOutcome o1 = one.step(batch, 1e-3, step);
                StepOutcome o2 = two.step(batch, 1e-3, step);
                assertEquals(o1.loss(), o2.loss(), 1e-5 * o1.loss());
                assertEquals(o1.gradNorm(), o2.gradNorm(), 1e-4 * o1.gradNorm());
            }
            assertTrue(TinyModels.maxAbsDifference(single.parameters(), a.parameters()) <= 1e-5);
            assertEquals(0.0, TinyModels.maxAbsDifference(a.parameters(), b.parameters()), "replicas identical");
            try (OptModel base = TinyModels.load("opt-tiny")) {
                assertTrue(TinyModels.maxAbsDifference(base.parameters(), single.parameters()) > 1e-3,
                        "the weights moved");
            }
        }
    }

    @Test
    void replicasWithDropoutStayIdenticalAndReproducible() throws Exception {
        List<List<EncodedExample>> data = TinyModels.oneEach(TinyModels.examples(8, 10, 6, 17));
        float[][] finals = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (OptModel a = TinyModels.load("opt-tiny");
                 OptModel b = TinyModels.load("opt-tiny");
                 DataParallelTrainer two = new DataParallelTrainer(List.of(a, b), TinyModels.settings(0.1, 1, false))) {
                for (int step = 0; step < 2; step++) {
                    two.step(data.subList(step * 4, step * 4 + 4), 1e-3, 100 + step);
                }
                assertEquals(0.0, TinyModels.maxAbsDifference(a.parameters(), b.parameters()), "replicas identical");
                finals[run] = a.parameters().get("decoder.layers.1.fc2.weight").toFloatArray();
            }
        }
        // the CPU replicas share PyTorch's generator, so with dropout they run in turn and the masks repeat
        assertArrayEquals(finals[0], finals[1]);
    }

    @Test
    void gradientAccumulationEqualsOneBigMicroBatch() throws Exception {
        List<List<EncodedExample>> data = TinyModels.oneEach(TinyModels.examples(12, 10, 8, 9));
        try (OptModel x = TinyModels.load("opt-tiny");
             OptModel y = TinyModels.load("opt-tiny");
             DataParallelTrainer whole = new DataParallelTrainer(List.of(x), TinyModels.comparable(1, 1e-4));
             DataParallelTrainer accumulated = new DataParallelTrainer(List.of(y), TinyModels.comparable(3, 1e-4))) {
            StepOutcome w = whole.evaluate(data.subList(0, 6));
            StepOutcome a = accumulated.evaluate(data.subList(0, 6));
            assertEquals(w.loss(), a.loss(), 1e-6 * w.loss());
            assertEquals(w.gradNorm(), a.gradNorm(), 1e-5 * w.gradNorm());
            for (int step = 0; step < 2; step++) {
                List<List<EncodedExample>> batch = data.subList(step * 6, step * 6 + 6);
                whole.step(batch, 1e-3, step);
                accumulated.step(batch, 1e-3, step);
            }
            assertTrue(TinyModels.maxAbsDifference(x.parameters(), y.parameters()) <= 1e-5);
        }
    }

    @Test
    void clippingScalesEveryGradientByOneGlobalFactor() throws Exception {
        // with a huge Adam epsilon the first update is lr * g / (|g| + eps) ~ lr * g / eps: linear in the gradient,
        // so the clipped run's update must be the unclipped one times clip / norm, for every parameter alike
        List<List<EncodedExample>> batch = TinyModels.oneEach(TinyModels.examples(2, 6, 4, 3));
        TrainerSettings clipped = new TrainerSettings(0.9, 0.95, 1e4, 0, 0.5, 0, 1, false, 1, 1);
        TrainerSettings unclipped = new TrainerSettings(0.9, 0.95, 1e4, 0, 0, 0, 1, false, 1, 1);
        try (OptModel base = TinyModels.load("opt-tiny");
             OptModel c = TinyModels.load("opt-tiny");
             OptModel u = TinyModels.load("opt-tiny");
             DataParallelTrainer tc = new DataParallelTrainer(List.of(c), clipped);
             DataParallelTrainer tu = new DataParallelTrainer(List.of(u), unclipped)) {
            double norm = tc.step(batch, 100.0, 0).gradNorm();
            assertEquals(norm, tu.step(batch, 100.0, 0).gradNorm(), 1e-6 * norm);
            assertTrue(norm > 0.5, "the gradient norm " + norm + " exceeds the clip threshold");
            double factor = 0.5 / (norm + 1e-6);
            for (String name : base.parameters().keySet()) {
                float[] b0 = base.parameters().get(name).toFloatArray();
                float[] dc = c.parameters().get(name).toFloatArray();
                float[] du = u.parameters().get(name).toFloatArray();
                double maxC = 0;
                double maxU = 0;
                for (int i = 0; i < b0.length; i++) {
                    maxC = Math.max(maxC, Math.abs((double) dc[i] - b0[i]));
                    maxU = Math.max(maxU, Math.abs((double) du[i] - b0[i]));
                }
                if (maxU > 1e-6) {
                    assertEquals(factor, maxC / maxU, 2e-2 * factor, name);
                }
            }
        }
    }

    @Test
    void mixedPrecisionOnTheCpuRoundsReplicaWeightsToFloat16AndTracksFloat32() throws Exception {
        List<List<EncodedExample>> data = TinyModels.oneEach(TinyModels.examples(12, 10, 8, 21));
        try (OptModel full = TinyModels.load("opt-tiny");
             OptModel half = TinyModels.load("opt-tiny");
             DataParallelTrainer f32 = new DataParallelTrainer(List.of(full), TinyModels.settings(0, 1, false));
             DataParallelTrainer f16 = new DataParallelTrainer(List.of(half), TinyModels.settings(0, 1, true))) {
            // start as the tuner does: the master from the checkpoint's float32 values, the replica rounded
            Map<String, float[]> exact = ParameterFiles.read(Golden.fixturesDir().resolve("opt-tiny"),
                    f16.masterWeights().keySet());
            f16.setMasterWeights(exact);
            float[] fc1 = exact.get("decoder.layers.0.fc1.weight");
            assertArrayEquals(fc1, f16.masterWeights().get("decoder.layers.0.fc1.weight").toFloatArray());
            assertFalse(Arrays.equals(fc1, half.parameters().get("decoder.layers.0.fc1.weight")
                    .toFloatArray()), "the replica holds the float16 rounding");
            List<Double> losses32 = new ArrayList<>();
            List<Double> losses16 = new ArrayList<>();
            for (int step = 0; step < 3; step++) {
                List<List<EncodedExample>> batch = data.subList(step * 4, step * 4 + 4);
                losses32.add(f32.step(batch, 1e-2, step).loss());
                StepOutcome o = f16.step(batch, 1e-2, step);
                assertTrue(o.applied());
                losses16.add(o.loss());
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(losses32.get(i), losses16.get(i), 1e-2, "step " + i);
            }
            // the master stays float32 and close to the float32 run; the replica holds its float16 rounding
            // (element-wise bounds are meaningless here: Adam turns the float16 forward's small gradient changes into
            // full-size updates wherever a gradient is near zero, so compare average distances)
            try (OptModel base = TinyModels.load("opt-tiny")) {
                double moved = TinyModels.meanAbsDifference(base.parameters(), full.parameters());
                double apart = TinyModels.meanAbsDifference(full.parameters(), f16.masterWeights());
                assertTrue(apart < 0.2 * moved, "float16 run " + apart + " from float32, which moved " + moved);
            }
            for (Map.Entry<String, NDArray> e : half.parameters().entrySet()) {
                float[] replica = e.getValue().toFloatArray();
                float[] rounded = f16.masterWeights().get(e.getKey())
                        .toType(DataType.FLOAT16, true)
                        .toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < replica.length; i++) {
                    assertEquals(rounded[i], replica[i], 0.0f, e.getKey());
                }
            }
        }
    }

    @Test
    void mixedPrecisionSkipsAnOverflowingStepAndHalvesTheScale() throws Exception {
        List<List<EncodedExample>> batch = TinyModels.oneEach(TinyModels.examples(2, 6, 4, 8));
        TrainerSettings settings = new TrainerSettings(0.9, 0.95, 1e-8, 0, 1.0, 0, 1, true, 1e38, 1);
        try (OptModel model = TinyModels.load("opt-tiny");
             OptModel base = TinyModels.load("opt-tiny");
             DataParallelTrainer trainer = new DataParallelTrainer(List.of(model), settings)) {
            StepOutcome o = trainer.step(batch, 1e-2, 0);
            assertFalse(o.applied(), "a loss scaled by 1e38 overflows float32 gradients");
            assertEquals(5e37, trainer.scaler().scale(), 1e31);
            assertEquals(0, trainer.optimizer().updates());
            // the weights are float16-rounded copies of the base, nothing more: the step did not move them
            assertTrue(TinyModels.maxAbsDifference(base.parameters(), model.parameters()) < 1e-3);
            float[] before = model.parameters().get("decoder.layers.0.fc1.weight").toFloatArray();
            while (!trainer.step(batch, 1e-2, 1).applied()) {
                assertTrue(trainer.scaler().scale() > 1, "the scale comes down until the step fits");
            }
            assertEquals(1, trainer.optimizer().updates());
            float[] after = model.parameters().get("decoder.layers.0.fc1.weight").toFloatArray();
            assertFalse(Arrays.equals(before, after), "the first clean step is applied");
        }
    }
}
