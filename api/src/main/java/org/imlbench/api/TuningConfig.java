package org.imlbench.api;

import java.util.Map;

/**
 * How to instruction-tune. {@link #optIml()} gives the OPT-IML paper's settings.
 *
 * @param steps optimizer steps in all
 * @param batchSize sequences (packed windows, or examples when unpacked) per optimizer step, across all replicas
 * @param gradientAccumulation micro-batches per optimizer step (batchSize is split into this many)
 * @param maxSeqLen the packing window, in tokens
 * @param packing whether examples are packed into windows (block-diagonal attention) or padded one per row
 * @param learningRate the peak learning rate
 * @param warmupSteps linear warm-up steps, after which the rate decays linearly to 0 at {@code steps}
 * @param beta1 Adam's beta1
 * @param beta2 Adam's beta2
 * @param epsilon Adam's epsilon
 * @param weightDecay decoupled weight decay (AdamW)
 * @param gradClipNorm global L2 norm to clip gradients to; 0 disables clipping
 * @param dropout dropout probability in training
 * @param replicas data-parallel replicas (one per device)
 * @param checkpointEvery save a resumable checkpoint every this many steps; 0 saves only at the end
 * @param perTaskCap the most examples drawn from any one task (examples-proportional mixing with a cap, "EPS")
 * @param sourceProportions optional share of each task source in the mixture (e.g. niv2 0.7, bbh 0.3); empty for
 *                          plain examples-proportional mixing
 * @param seed the seed for sampling, shuffling, dropout and initialization
 */
public record TuningConfig(int steps, int batchSize, int gradientAccumulation, int maxSeqLen, boolean packing,
                           double learningRate, int warmupSteps, double beta1, double beta2, double epsilon,
                           double weightDecay, double gradClipNorm, double dropout, int replicas, int checkpointEvery,
                           int perTaskCap, Map<String, Double> sourceProportions, long seed) {
    /** Checks the ranges. */
    public TuningConfig {
        sourceProportions = Map.copyOf(sourceProportions);
        if (steps < 1 || batchSize < 1 || gradientAccumulation < 1 || maxSeqLen < 2 || replicas < 1) {
            throw new IllegalArgumentException("steps, batch size, accumulation, replicas must be >= 1 and maxSeqLen >= 2");
        }
        if (batchSize % (gradientAccumulation * replicas) != 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " is not divisible by accumulation "
                    + gradientAccumulation + " x replicas " + replicas);
        }
        if (!(learningRate > 0) || warmupSteps < 0 || dropout < 0 || dropout >= 1 || gradClipNorm < 0
                || perTaskCap < 1) {
            throw new IllegalArgumentException("learning rate must be > 0, warm-up >= 0, dropout in [0,1), "
                    + "clip >= 0, per-task cap >= 1");
        }
    }

    /**
     * The OPT-IML paper's recipe: Adam β=(0.9, 0.95), ε 1e-8, lr 5e-5, 60 warm-up steps then linear decay to 0,
     * global-norm clipping at 1.0, dropout 0.1, packed windows of 2048 tokens, per-task cap 1000 (an illustrative
     * EPS cap; the paper tunes it per benchmark).
     *
     * @param steps optimizer steps
     * @param batchSize windows per step
     * @param seed the seed
     * @return the config
     */
    public static TuningConfig optIml(int steps, int batchSize, long seed) {
        return new TuningConfig(steps, batchSize, 1, 2048, true, 5e-5, 60, 0.9, 0.95, 1e-8, 0.0, 1.0, 0.1, 1, 0,
                1000, Map.of(), seed);
    }
}
