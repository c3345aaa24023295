package org.imlbench.harness.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.TuningProgress;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.testkit.ArithmeticExamples;
import org.imlbench.testkit.PythonTorch;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two independent engines agree: the {@code djl} tuner (one JVM replica) and the {@code torchrun} backend (two gloo
 * ranks running the shipped trainer) tune the same checkpoint on the same windows with the same recipe (packing,
 * dropout 0). Every step's loss within 1e-4; after one step the weights within 1e-4; after 20 steps the two weight
 * updates within 1e-3 of each other in relative norm (float32 round-off grows through Adam's epsilon and ReLU
 * boundaries). Both backends are reached through the API, as the harness reaches them.
 */
class TuningBackendsAgreeTest {
    @TempDir
    Path temp;

    private static ModelBackend backend(String name) {
        return ServiceLoader.load(ModelBackend.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    private static TuningConfig recipe(int steps) {
        return TuningConfig.optImlBuilder().steps(steps).batchSize(4).maxSeqLen(48).packing(true).learningRate(3e-3)
                .warmupSteps(2).weightDecay(0.01).dropout(0.0).perTaskCap(15).seed(7).build();
    }

    private TuningResult tune(String backend, Path base, String run, TuningConfig config, Map<String, String> options)
            throws IOException {
        TuningRequest request = new TuningRequest(ModelRequest.of(base.toString(), "cpu", options),
                temp.resolve(run), ArithmeticExamples.training(), config, false);
        return backend(backend).tune(request, p -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"opt-tiny", "opt-tiny-postln"})
    void djlAndTorchrunTuneAlike(String fixture) throws IOException {
        Path base = SharedData.fixtures("opt/" + fixture);
        Map<String, String> torchrun = Map.of("nproc-per-node", "2", "threads", "1", "python", PythonTorch.require());
        Map<String, String> djl = Map.of("threads", "1");

        TuningResult djlOne = tune("djl", base, "djl-1", recipe(1), djl);
        TuningResult torchOne = tune("torchrun", base, "torchrun-1", recipe(1), torchrun);
        Map<String, float[]> w0 = weights(base);
        Map<String, float[]> djlW1 = weights(djlOne.checkpoint());
        Map<String, float[]> torchW1 = weights(torchOne.checkpoint());
        assertTrue(maxAbsDifference(djlW1, w0) > 1e-3, "the step moved the weights");
        double afterOne = maxAbsDifference(djlW1, torchW1);
        assertTrue(afterOne <= 1e-4, "after one step the weights differ by " + afterOne);

        TuningResult djl20 = tune("djl", base, "djl-20", recipe(20), djl);
        TuningResult torch20 = tune("torchrun", base, "torchrun-20", recipe(20), torchrun);
        assertEquals(20, torch20.lossCurve().size());
        double worstLoss = 0;
        for (int s = 0; s < 20; s++) {
            TuningProgress d = djl20.lossCurve().get(s);
            TuningProgress t = torch20.lossCurve().get(s);
            assertEquals(d.learningRate(), t.learningRate(), 1e-15, "step " + (s + 1));
            assertEquals(d.loss(), t.loss(), 1e-4, "loss of step " + (s + 1));
            worstLoss = Math.max(worstLoss, Math.abs(d.loss() - t.loss()));
        }
        assertEquals(djl20.tokens(), torch20.tokens(), "the same windows");
        double relative = relativeUpdateDifference(w0, weights(djl20.checkpoint()), weights(torch20.checkpoint()));
        assertTrue(relative <= 1e-3, "after 20 steps the updates differ by " + relative + " in relative norm");
        System.out.printf("%s: djl vs torchrun (2 ranks): weights after 1 step %.2e max abs; losses over 20 steps "
                + "%.2e max abs (loss %.3f -> %.3f); updates after 20 steps %.2e relative%n", fixture, afterOne,
                worstLoss, djl20.lossCurve().get(0).loss(), djl20.lossCurve().get(19).loss(), relative);
    }

    private static Map<String, float[]> weights(Path dir) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (Checkpoint cp = Checkpoints.open(dir)) {
            for (String name : cp.tensorNames()) {
                FloatBuffer data = cp.tensor(name).data();
                float[] values = new float[data.remaining()];
                data.get(values);
                out.put(name, values);
            }
        }
        return out;
    }

    private static double maxAbsDifference(Map<String, float[]> a, Map<String, float[]> b) {
        assertEquals(a.keySet(), b.keySet());
        double max = 0;
        for (String name : a.keySet()) {
            float[] x = a.get(name);
            float[] y = b.get(name);
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    /** ||(W_t - W_0) - (W_d - W_0)|| / ||W_d - W_0|| over every parameter together. */
    private static double relativeUpdateDifference(Map<String, float[]> w0, Map<String, float[]> djl,
                                                   Map<String, float[]> torch) {
        double difference = 0;
        double update = 0;
        for (String name : w0.keySet()) {
            float[] base = w0.get(name);
            float[] d = djl.get(name);
            float[] t = torch.get(name);
            for (int i = 0; i < base.length; i++) {
                double ud = (double) d[i] - base[i];
                double ut = (double) t[i] - base[i];
                difference += (ut - ud) * (ut - ud);
                update += ud * ud;
            }
        }
        return Math.sqrt(difference / update);
    }
}
