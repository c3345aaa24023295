package org.imlbench.api;

/** Receives progress from long backend operations, so that the harness can draw progress bars. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * Called as work advances.
     *
     * @param done units of work finished so far
     * @param total units of work in all
     */
    void progress(long done, long total);
}
