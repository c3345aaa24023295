package org.imlbench.djl.tuning;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.imlbench.djl.model.OptModel;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.tuningdata.EncodedExample;

/**
 * The training-throughput workload of {@code harness bench}: full optimizer steps (forward, backward over the
 * target loss, global-norm clipping, AdamW update) of a randomly initialised float32 model on the CPU, batch
 * {@value #BATCH} x {@value #LENGTH} tokens, dropout off (as in the PyTorch script, so the same operations are
 * timed). Every row is one example whose first token is the source
 * and whose other 255 tokens are the target, so the loss covers the same 255 positions per row as a causal-LM loss
 * with {@code labels=input_ids} in PyTorch ({@code bench/pytorch_train.py} measures that side). The caller sets the
 * engine's thread count (the bench uses 2).
 */
public final class TrainingBench {
    /** Rows per step. */
    public static final int BATCH = 4;
    /** Tokens per row. */
    public static final int LENGTH = 256;

    private TrainingBench() {
    }

    /**
     * The figures of one measurement.
     *
     * @param tokensPerSecond trained tokens per second (fastest step, as the bench reports every workload)
     * @param bestSeconds the fastest step time
     * @param stepSeconds every timed step
     * @param firstLoss the loss of the first (warm-up) step
     * @param lastLoss the loss of the last step
     */
    public record Result(double tokensPerSecond, double bestSeconds, List<Double> stepSeconds, double firstLoss,
                         double lastLoss) {
    }

    /**
     * Creates a model of the given shape, runs one warm-up step and {@code repeats} timed steps, and frees it.
     *
     * @param config the architecture (the bench passes OPT-125m's)
     * @param repeats timed steps after the warm-up
     * @param seed the seed of weights and tokens
     * @param log one line per step
     * @return the figures
     * @throws IOException when a step fails
     */
    public static Result run(OptConfig config, int repeats, long seed, PrintStream log) throws IOException {
        Random random = new Random(seed);
        List<List<EncodedExample>> rows = new ArrayList<>();
        for (int r = 0; r < BATCH; r++) {
            int[] target = new int[LENGTH - 1];
            for (int j = 0; j < target.length; j++) {
                target[j] = 4 + random.nextInt(config.vocabSize() - 4);
            }
            rows.add(List.of(new EncodedExample("bench", new int[] {config.bosTokenId()}, target)));
        }
        TrainerSettings settings = new TrainerSettings(0.9, 0.95, 1e-8, 0.0, 1.0, 0.0, 1, false, 1,
                config.padTokenId());
        List<Double> times = new ArrayList<>();
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        try (OptModel model = OptModel.random(config, seed, Device.cpu());
             DataParallelTrainer trainer = new DataParallelTrainer(List.of(model), settings)) {
            for (int i = 0; i <= repeats; i++) {
                long t0 = System.nanoTime();
                StepOutcome outcome = trainer.step(rows, 1e-4, seed + i);
                double seconds = (System.nanoTime() - t0) / 1e9;
                log.printf("training step %d/%d: %.2f s, loss %.4f%s%n", i, repeats, seconds, outcome.loss(),
                        i == 0 ? " (warm-up)" : "");
                if (i == 0) {
                    firstLoss = outcome.loss();
                } else {
                    times.add(seconds);
                }
                lastLoss = outcome.loss();
            }
        }
        double best = times.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return new Result(BATCH * LENGTH / best, best, List.copyOf(times), firstLoss, lastLoss);
    }

    /** @return a short description of the workload, for tables */
    public static String workload() {
        return "training step (fwd+bwd+clip+AdamW), batch " + BATCH + " x " + LENGTH + ", fp32";
    }

}
