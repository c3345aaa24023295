package org.imlbench.api;

/**
 * Receives the tasks of a source one at a time, as a {@link TaskCategoryProvider} reads them.
 *
 * <p>Sources at OPT-IML Bench scale hold thousands of tasks and millions of instances; the harness keeps only what
 * its splits need of each task (a capped sample of instances, counts, fingerprints), so a provider must hand each
 * task over as soon as it is read and keep no reference to it. Calls come from one thread at a time.
 */
public interface TaskSink {
    /**
     * Takes one task.
     *
     * @param task a complete task
     * @throws TaskLoadException when the task cannot be accepted (e.g. its id was already loaded); the provider stops
     *                           and lets the exception through
     */
    void accept(Task task) throws TaskLoadException;

    /**
     * Records a file that was skipped because {@link TaskSource#skipBadTasks()} is set.
     *
     * @param problem the file and what is wrong with it
     */
    void skipped(TaskProblem problem);
}
