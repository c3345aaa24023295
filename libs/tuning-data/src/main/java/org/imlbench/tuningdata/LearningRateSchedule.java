package org.imlbench.tuningdata;

/**
 * Linear warm-up to the peak rate, then linear decay to 0, over optimizer steps numbered from 1. Step {@code s}
 * uses {@code peak * s / warmup} while {@code s <= warmup}, then {@code peak * (total - s + 1) / (total - warmup)}:
 * the first decay step runs at the peak and the rate reaches 0 just after the last step instead of at it, so no step
 * is spent at rate 0 (neither the first, as fairseq's warm-up from 0 does, nor the last, as Hugging Face's linear
 * schedule does).
 *
 * @param peak the peak rate
 * @param warmup warm-up steps (0: start at the peak)
 * @param total steps in all
 */
public record LearningRateSchedule(double peak, int warmup, int total) {
    /** Checks the ranges. */
    public LearningRateSchedule {
        if (!(peak > 0) || warmup < 0 || total < 1) {
            throw new IllegalArgumentException("peak " + peak + ", warm-up " + warmup + ", total " + total);
        }
    }

    /**
     * @param step the optimizer step, 1 to {@code total}
     * @return its learning rate
     */
    public double rate(int step) {
        if (step < 1 || step > total) {
            throw new IllegalArgumentException("step " + step + " outside 1.." + total);
        }
        if (step <= warmup) {
            return peak * step / warmup;
        }
        return peak * (total - step + 1) / (total - warmup);
    }
}
