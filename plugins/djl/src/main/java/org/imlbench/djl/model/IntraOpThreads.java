package org.imlbench.djl.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Temporarily changes PyTorch's intra-op thread count (a process-wide engine setting), restoring it on close.
 *
 * <p>Why: a generation step multiplies a handful of vectors by every weight matrix; each of those ~80 small
 * products is one parallel region whose threads must meet at a barrier. On a busy machine a descheduled thread
 * stalls each barrier for a scheduler time slice: a step measured up to 6x slower with two threads than with one,
 * while on a quiet machine two threads stream the weights faster. Generation therefore picks the thread count for
 * its one-token steps by timing; large products (prompts, scoring) keep all threads.
 */
public final class IntraOpThreads implements AutoCloseable {
    private final int previous;

    private IntraOpThreads(int threads) {
        this.previous = JniUtils.getNumThreads();
        if (threads > 0 && threads != previous) {
            JniUtils.setNumThreads(threads);
        }
    }

    /**
     * @param threads the thread count to use until {@link #close}; 0 or less changes nothing
     * @return the scope
     */
    public static IntraOpThreads use(int threads) {
        return new IntraOpThreads(threads);
    }

    /** @return the engine's current intra-op thread count */
    public static int current() {
        return JniUtils.getNumThreads();
    }

    @Override
    public void close() {
        if (JniUtils.getNumThreads() != previous) {
            JniUtils.setNumThreads(previous);
        }
    }
}
