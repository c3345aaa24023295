package org.imlbench.djl.tuning;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.imlbench.djl.model.OptModel;
import org.imlbench.djl.testing.Golden;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.tuningdata.EncodedExample;

/** Test helpers: the tiny fixture checkpoints and random examples in their vocabulary. */
final class TinyModels {
    private TinyModels() {
    }

    static OptModel load(String fixture) throws IOException {
        try (Checkpoint cp = Checkpoints.open(Golden.fixturesDir().resolve(fixture))) {
            return OptModel.load(cp, Device.cpu(), DataType.FLOAT32);
        }
    }

    static TrainerSettings settings(double dropout, int accumulation, boolean mixed) {
        return new TrainerSettings(0.9, 0.95, 1e-8, 0.01, 1.0, dropout, accumulation, mixed, 65536.0, 1);
    }

    /**
     * Settings for comparing two ways of computing the same gradient. Some gradients are exactly zero in exact
     * arithmetic (a key-projection bias shifts every score of a query equally, so softmax ignores it) and float32
     * leaves ~1e-10 of noise there; Adam divides by sqrt(v) + eps, so with eps 1e-8 it turns that noise into updates
     * of ~lr/100 in a direction set by rounding; likewise rows of the tied embedding whose gradient is a sum of
     * nearly cancelling softmax terms. A larger eps keeps the comparison about the gradients.
     */
    static TrainerSettings comparable(int accumulation, double epsilon) {
        return new TrainerSettings(0.9, 0.95, epsilon, 0.01, 1.0, 0, accumulation, false, 65536.0, 1);
    }

    /** Random examples: source BOS + 1..maxSource ids, target 1..maxTarget ids + EOS, ids in [4, 1000). */
    static List<EncodedExample> examples(int n, int maxSource, int maxTarget, long seed) {
        Random random = new Random(seed);
        List<EncodedExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] s = new int[2 + random.nextInt(maxSource)];
            s[0] = 2;
            for (int j = 1; j < s.length; j++) {
                s[j] = 4 + random.nextInt(996);
            }
            int[] t = new int[2 + random.nextInt(maxTarget)];
            for (int j = 0; j < t.length - 1; j++) {
                t[j] = 4 + random.nextInt(996);
            }
            t[t.length - 1] = 2;
            out.add(new EncodedExample("task" + (i % 3), s, t));
        }
        return out;
    }

    static List<List<EncodedExample>> oneEach(List<EncodedExample> examples) {
        return examples.stream().map(List::of).toList();
    }

    static double meanAbsDifference(Map<String, NDArray> a, Map<String, NDArray> b) {
        double sum = 0;
        long n = 0;
        for (Map.Entry<String, NDArray> e : a.entrySet()) {
            float[] x = e.getValue().toType(DataType.FLOAT32, true).toFloatArray();
            float[] y = b.get(e.getKey()).toType(DataType.FLOAT32, true).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                sum += Math.abs(x[i] - y[i]);
            }
            n += x.length;
        }
        return sum / n;
    }

    static double maxAbsDifference(Map<String, NDArray> a, Map<String, NDArray> b) {
        double max = 0;
        for (Map.Entry<String, NDArray> e : a.entrySet()) {
            float[] x = e.getValue().toType(DataType.FLOAT32, true).toFloatArray();
            float[] y = b.get(e.getKey()).toType(DataType.FLOAT32, true).toFloatArray();
            double local = 0;
            for (int i = 0; i < x.length; i++) {
                local = Math.max(local, Math.abs(x[i] - y[i]));
            }
            if (Boolean.getBoolean("tuning.debug")) {
                System.err.println(e.getKey() + " " + local);
            }
            max = Math.max(max, local);
        }
        return max;
    }
}
