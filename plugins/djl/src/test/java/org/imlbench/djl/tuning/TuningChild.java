package org.imlbench.djl.tuning;

import java.nio.file.Path;
import java.util.Map;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.api.TrainingExamples;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.testkit.ArithmeticExamples;

/**
 * A tuning run in its own JVM, for the kill-and-resume test: {@code TuningChild BASE_DIR OUT_DIR RESUME SLEEP_MS}.
 * Sleeps after every step so the test can kill it between checkpoints. Prints the tuned checkpoint's path.
 */
public final class TuningChild {
    static final int STEPS = 8;

    private TuningChild() {
    }

    static TrainingExamples examples() {
        return ArithmeticExamples.training();
    }

    static TuningConfig config() {
        return new TuningConfig(STEPS, 4, 2, 48, true, 3e-3, 2, 0.9, 0.95, 1e-8, 0.01, 1.0, 0.1, 1, 2, 15,
                Map.of(), 7);
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        Path out = Path.of(args[1]);
        boolean resume = Boolean.parseBoolean(args[2]);
        long sleep = Long.parseLong(args[3]);
        TuningRequest request = new TuningRequest(
                new ModelRequest(base.toString(), "cpu", Options.of(Map.of("threads", "1"))),
                out, examples(), config(), resume);
        TuningResult result = Tuner.tune(request, p -> {
            System.out.println("step " + p.step() + " loss " + p.loss());
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        System.out.println("done " + result.checkpoint());
    }
}
