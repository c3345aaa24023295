package org.imlbench.djl.tuning;

/**
 * Dynamic loss scaling for float16 training (as in Apex/fairseq): the loss is multiplied by {@link #scale()} before
 * the backward pass so that small float16 gradients do not underflow; when a step's gradients overflow (inf/NaN)
 * the step is skipped and the scale halved; after {@code growthInterval} clean steps in a row it doubles.
 */
public final class LossScaler {
    /** The state to save with a checkpoint. */
    public record State(double scale, int cleanSteps) {
    }

    private final double minScale;
    private final int growthInterval;
    private double scale;
    private int cleanSteps;

    /**
     * @param initialScale the first scale (e.g. 2^16)
     * @param growthInterval clean steps before the scale doubles
     * @param minScale the scale never goes below this; a run overflowing there fails
     */
    public LossScaler(double initialScale, int growthInterval, double minScale) {
        if (!(initialScale > 0) || growthInterval < 1 || !(minScale > 0)) {
            throw new IllegalArgumentException("bad loss scaler settings");
        }
        this.scale = initialScale;
        this.growthInterval = growthInterval;
        this.minScale = minScale;
    }

    /** @return the usual float16 settings: start at 2^16, double after 2000 clean steps, floor 2^-14 */
    public static LossScaler forFloat16() {
        return new LossScaler(65536.0, 2000, Math.pow(2, -14));
    }

    /** @return a scaler that never scales (float32 training) */
    public static LossScaler none() {
        return new LossScaler(1.0, Integer.MAX_VALUE, 1.0);
    }

    /** @return the current scale */
    public double scale() {
        return scale;
    }

    /**
     * Records the outcome of a step.
     *
     * @param overflow whether the step's gradients had an inf or NaN
     * @return whether the optimizer may apply the step (false: skip it)
     * @throws ArithmeticException when gradients overflow at the minimum scale (the run diverged)
     */
    public boolean update(boolean overflow) {
        if (overflow) {
            if (scale <= minScale) {
                throw new ArithmeticException("gradients are not finite even at loss scale " + scale
                        + ": the run diverged (lower the learning rate)");
            }
            scale = Math.max(minScale, scale / 2);
            cleanSteps = 0;
            return false;
        }
        cleanSteps++;
        if (cleanSteps >= growthInterval) {
            scale *= 2;
            cleanSteps = 0;
        }
        return true;
    }

    /** @return the state to save */
    public State state() {
        return new State(scale, cleanSteps);
    }

    /** @param state a saved state to continue from */
    public void restore(State state) {
        this.scale = state.scale();
        this.cleanSteps = state.cleanSteps();
    }
}
