package org.imlbench.api;

/** Receives a {@link TuningProgress} after every optimizer step. */
@FunctionalInterface
public interface TuningListener {
    /** A listener that ignores everything. */
    TuningListener NONE = p -> { };

    /** @param progress the finished step */
    void onStep(TuningProgress progress);
}
