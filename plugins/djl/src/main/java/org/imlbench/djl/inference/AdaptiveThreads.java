package org.imlbench.djl.inference;

/**
 * Chooses, for a run of small generation steps, the faster of two intra-op thread counts, by timing both now and
 * then. Two threads stream weights faster on an idle machine; one thread avoids barrier stalls on a busy one (see
 * {@link org.imlbench.djl.model.IntraOpThreads}). Thread counts do not change the results of these steps (each output
 * is one dot product, computed whole by one thread), so switching is safe.
 */
final class AdaptiveThreads {
    /** Steps spent using the chosen count before both are timed again. */
    private static final int EXPLOIT_STEPS = 62;

    private final int[] candidates;
    private final long[] lastNanos;
    private int step;
    private int chosen;

    /**
     * @param one the first candidate (e.g. 1)
     * @param other the second candidate (e.g. the configured thread count)
     */
    AdaptiveThreads(int one, int other) {
        this.candidates = new int[] {one, other};
        this.lastNanos = new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
    }

    /** @return the thread count for the next step */
    int next() {
        if (candidates[0] == candidates[1]) {
            return candidates[0];
        }
        int phase = step % (EXPLOIT_STEPS + 2);
        return phase < 2 ? candidates[phase] : candidates[chosen];
    }

    /**
     * Records how long the step just run with {@link #next()}'s count took.
     *
     * @param threads the count used
     * @param nanos the step's duration
     */
    void record(int threads, long nanos) {
        int phase = step % (EXPLOIT_STEPS + 2);
        if (phase < 2) {
            lastNanos[phase] = nanos;
            if (phase == 1) {
                chosen = lastNanos[0] <= lastNanos[1] ? 0 : 1;
            }
        }
        step++;
    }
}
