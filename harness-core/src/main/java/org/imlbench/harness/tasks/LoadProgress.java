package org.imlbench.harness.tasks;

/** Hears how loading advances, task by task (e.g. to draw a progress bar). */
@FunctionalInterface
public interface LoadProgress {
    /** Hears nothing. */
    LoadProgress NONE = instances -> { };

    /** @param instances the instance count of the task just loaded */
    void task(int instances);
}
