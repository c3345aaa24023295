package org.imlbench.harness.run;

import com.beust.jcommander.Parameter;
import java.util.Map;
import org.imlbench.api.TuningConfig;

/**
 * Tuning flags. Each is null unless typed, and resolves against a configuration read with {@code --config}, then
 * against the recipe for the model: the OPT-IML paper's for real checkpoints, and a recipe that moves a tiny randomly
 * initialized model within minutes for the embedded one (the paper's lr 5e-5 barely moves it in a few hundred steps).
 */
public final class TuningOptions {
    @Parameter(names = "--steps", description = "Optimizer steps")
    Integer steps;
    @Parameter(names = "--batch-size", description = "Sequences per optimizer step, across replicas")
    Integer batchSize;
    @Parameter(names = "--grad-accumulation", description = "Micro-batches per optimizer step")
    Integer gradientAccumulation;
    @Parameter(names = "--max-seq-len", description = "Packing window in tokens")
    Integer maxSeqLen;
    @Parameter(names = "--no-packing", description = "One example per row, right-padded, instead of packing")
    Boolean noPacking;
    @Parameter(names = "--lr", description = "Peak learning rate")
    Double learningRate;
    @Parameter(names = "--warmup-steps", description = "Linear warm-up steps before linear decay to 0")
    Integer warmupSteps;
    @Parameter(names = "--weight-decay", description = "AdamW weight decay")
    Double weightDecay;
    @Parameter(names = "--grad-clip", description = "Global gradient-norm clip (0: off)")
    Double gradClip;
    @Parameter(names = "--dropout", description = "Dropout while tuning")
    Double dropout;
    @Parameter(names = "--replicas", description = "Data-parallel replicas (one per GPU)")
    Integer replicas;
    @Parameter(names = "--checkpoint-every", description = "Save a resumable checkpoint every N steps (0: at the end)")
    Integer checkpointEvery;
    @Parameter(names = "--per-task-cap", description = "Most training examples drawn from one task (EPS mixing)")
    Integer perTaskCap;

    /**
     * The recipe for the embedded default model: 300 steps of 8 packed windows of 256 tokens, about 45 s on 2 idle
     * CPU cores; lr 1e-3 because at the paper's 5e-5 a randomly initialized model barely moves in a few hundred
     * steps, while at 1e-3 its loss halves in about 40.
     *
     * @param seed the seed
     * @return the recipe
     */
    public static TuningConfig embeddedDefault(long seed) {
        return new TuningConfig(300, 8, 1, 256, true, 1e-3, 20, 0.9, 0.95, 1e-8, 0.0, 1.0, 0.1, 1, 100, 1000,
                Map.of(), seed);
    }

    /**
     * Resolves the recipe.
     *
     * @param base the recipe read with {@code --config}, or null
     * @param embedded whether the base model is the embedded one
     * @param seed the run's seed
     * @return the recipe
     */
    public TuningConfig resolve(TuningConfig base, boolean embedded, long seed) {
        TuningConfig d = base != null ? base : embedded ? embeddedDefault(seed) : TuningConfig.optIml(1000, 8, seed);
        return new TuningConfig(
                or(steps, d.steps()), or(batchSize, d.batchSize()), or(gradientAccumulation, d.gradientAccumulation()),
                or(maxSeqLen, d.maxSeqLen()), noPacking != null ? !noPacking : d.packing(),
                or(learningRate, d.learningRate()), or(warmupSteps, d.warmupSteps()), d.beta1(), d.beta2(),
                d.epsilon(), or(weightDecay, d.weightDecay()), or(gradClip, d.gradClipNorm()),
                or(dropout, d.dropout()), or(replicas, d.replicas()), or(checkpointEvery, d.checkpointEvery()),
                or(perTaskCap, d.perTaskCap()), d.sourceProportions(), seed);
    }

    private static <T> T or(T typed, T fallback) {
        return typed != null ? typed : fallback;
    }
}
