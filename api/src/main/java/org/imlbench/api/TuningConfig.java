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
    /** Checks the ranges; each message names the setting as the command line spells it. */
    public TuningConfig {
        sourceProportions = Map.copyOf(sourceProportions);
        UsageException.requireAtLeast("--steps", steps, 1);
        UsageException.requireAtLeast("--batch-size", batchSize, 1);
        UsageException.requireAtLeast("--grad-accumulation", gradientAccumulation, 1);
        UsageException.requireAtLeast("--max-seq-len", maxSeqLen, 2);
        UsageException.requireAtLeast("--replicas", replicas, 1);
        UsageException.requireAtLeast("--warmup-steps", warmupSteps, 0);
        UsageException.requireAtLeast("--checkpoint-every", checkpointEvery, 0);
        UsageException.requireAtLeast("--per-task-cap", perTaskCap, 1);
        if (batchSize % (gradientAccumulation * replicas) != 0) {
            throw new UsageException("--batch-size " + batchSize + " is not divisible by --grad-accumulation "
                    + gradientAccumulation + " x --replicas " + replicas);
        }
        check("--lr", learningRate, learningRate > 0, "> 0");
        check("beta1", beta1, beta1 >= 0 && beta1 < 1, "in [0, 1)");
        check("beta2", beta2, beta2 >= 0 && beta2 < 1, "in [0, 1)");
        check("epsilon", epsilon, epsilon > 0, "> 0");
        check("--weight-decay", weightDecay, weightDecay >= 0, ">= 0");
        check("--grad-clip", gradClipNorm, gradClipNorm >= 0, ">= 0 (0 disables clipping)");
        check("--dropout", dropout, dropout >= 0 && dropout < 1, "in [0, 1)");
        sourceProportions.forEach((source, share) -> check("the proportion of source " + source, share, share >= 0,
                ">= 0"));
    }

    private static void check(String name, double value, boolean inRange, String range) {
        if (!Double.isFinite(value) || !inRange) {
            throw new UsageException(name + " must be a finite number " + range + ", got " + value);
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
        return optImlBuilder().steps(steps).batchSize(batchSize).seed(seed).build();
    }

    /** @return a builder holding the OPT-IML recipe (see {@link #optIml}) with 1 step of 1 window and seed 0 */
    public static Builder optImlBuilder() {
        return new Builder();
    }

    /** @return a builder holding this recipe, to change a few settings */
    public Builder toBuilder() {
        return new Builder().steps(steps).batchSize(batchSize).gradientAccumulation(gradientAccumulation)
                .maxSeqLen(maxSeqLen).packing(packing).learningRate(learningRate).warmupSteps(warmupSteps)
                .beta1(beta1).beta2(beta2).epsilon(epsilon).weightDecay(weightDecay).gradClipNorm(gradClipNorm)
                .dropout(dropout).replicas(replicas).checkpointEvery(checkpointEvery).perTaskCap(perTaskCap)
                .sourceProportions(sourceProportions).seed(seed);
    }

    /** Builds a {@link TuningConfig} setting by setting, starting from the OPT-IML recipe. */
    public static final class Builder {
        private int steps = 1;
        private int batchSize = 1;
        private int gradientAccumulation = 1;
        private int maxSeqLen = 2048;
        private boolean packing = true;
        private double learningRate = 5e-5;
        private int warmupSteps = 60;
        private double beta1 = 0.9;
        private double beta2 = 0.95;
        private double epsilon = 1e-8;
        private double weightDecay = 0.0;
        private double gradClipNorm = 1.0;
        private double dropout = 0.1;
        private int replicas = 1;
        private int checkpointEvery = 0;
        private int perTaskCap = 1000;
        private Map<String, Double> sourceProportions = Map.of();
        private long seed = 0;

        private Builder() {
        }

        /** @param v optimizer steps @return this */
        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /** @param v sequences per optimizer step @return this */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** @param v micro-batches per optimizer step @return this */
        public Builder gradientAccumulation(int v) {
            gradientAccumulation = v;
            return this;
        }

        /** @param v the packing window in tokens @return this */
        public Builder maxSeqLen(int v) {
            maxSeqLen = v;
            return this;
        }

        /** @param v whether examples are packed into windows @return this */
        public Builder packing(boolean v) {
            packing = v;
            return this;
        }

        /** @param v the peak learning rate @return this */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** @param v linear warm-up steps @return this */
        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        /** @param v Adam's beta1 @return this */
        public Builder beta1(double v) {
            beta1 = v;
            return this;
        }

        /** @param v Adam's beta2 @return this */
        public Builder beta2(double v) {
            beta2 = v;
            return this;
        }

        /** @param v Adam's epsilon @return this */
        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        /** @param v decoupled weight decay @return this */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** @param v the global norm to clip to, 0 for none @return this */
        public Builder gradClipNorm(double v) {
            gradClipNorm = v;
            return this;
        }

        /** @param v dropout probability in training @return this */
        public Builder dropout(double v) {
            dropout = v;
            return this;
        }

        /** @param v data-parallel replicas @return this */
        public Builder replicas(int v) {
            replicas = v;
            return this;
        }

        /** @param v steps between resumable checkpoints, 0 for the end only @return this */
        public Builder checkpointEvery(int v) {
            checkpointEvery = v;
            return this;
        }

        /** @param v the most examples a task counts with in the mixture @return this */
        public Builder perTaskCap(int v) {
            perTaskCap = v;
            return this;
        }

        /** @param v the share of each task source, or empty @return this */
        public Builder sourceProportions(Map<String, Double> v) {
            sourceProportions = Map.copyOf(v);
            return this;
        }

        /** @param v the seed @return this */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * @return the recipe
         * @throws UsageException naming the setting that is out of range
         */
        public TuningConfig build() {
            return new TuningConfig(steps, batchSize, gradientAccumulation, maxSeqLen, packing, learningRate,
                    warmupSteps, beta1, beta2, epsilon, weightDecay, gradClipNorm, dropout, replicas,
                    checkpointEvery, perTaskCap, sourceProportions, seed);
        }
    }
}
