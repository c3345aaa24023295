package org.imlbench.harness.tasks;

import java.util.List;
import org.imlbench.api.Instance;
import org.imlbench.api.KnownInstances;
import org.imlbench.api.Task;
import org.imlbench.api.TaskProblem;
import org.imlbench.harness.splits.SplitSpec;
import org.imlbench.harness.store.InstanceStore;

/**
 * The tasks of every {@code --tasks} source of a command, as loaded: per task what the splits need in memory
 * ({@link LoadedTask}), the instances themselves in an {@link InstanceStore}. Close it to delete the store.
 */
public final class LoadedTasks implements AutoCloseable {
    private final List<TaskArgument> sources;
    private final List<LoadedTask> tasks;
    private final List<TaskProblem> problems;
    private final SplitSpec defaultSplitSpec;
    private final InstanceStore store;
    private final KnownInstanceIds known;
    private final long[][] inputHashes;

    LoadedTasks(List<TaskArgument> sources, List<LoadedTask> tasks, List<TaskProblem> problems,
                SplitSpec defaultSplitSpec, InstanceStore store, KnownInstanceIds known, long[][] inputHashes) {
        this.sources = List.copyOf(sources);
        this.tasks = List.copyOf(tasks);
        this.problems = List.copyOf(problems);
        this.defaultSplitSpec = defaultSplitSpec;
        this.store = store;
        this.known = known;
        this.inputHashes = inputHashes;
    }

    /** @return the {@code --tasks} arguments, in order */
    public List<TaskArgument> sources() {
        return sources;
    }

    /** @return every task, source by source in load order */
    public List<LoadedTask> tasks() {
        return tasks;
    }

    /** @return files skipped by {@code --skip-bad-tasks}, source by source in order */
    public List<TaskProblem> problems() {
        return problems;
    }

    /**
     * @return the specs suggested by the sources, merged ({@link SplitSpec#merge}), each source keeping its own
     *         evaluation cap; {@link SplitSpec#defaults()} when no source suggests one
     */
    public SplitSpec defaultSplitSpec() {
        return defaultSplitSpec;
    }

    /** @return how many instances were loaded in all */
    public long instanceCount() {
        return tasks.stream().mapToLong(LoadedTask::size).sum();
    }

    /**
     * @param task a loaded task
     * @return the {@code --tasks} argument it came from
     */
    public TaskArgument sourceOf(LoadedTask task) {
        return sources.get(task.argument());
    }

    /**
     * Reads some of a task's instances from the store.
     *
     * @param task a loaded task
     * @param indices sorted positions, or null for all
     * @return the instances, in order
     * @throws java.io.UncheckedIOException when the store cannot be read
     */
    public List<Instance> instances(LoadedTask task, int[] indices) {
        return store.read(task.firstRecord(), task.size(), indices);
    }

    /**
     * @param task a loaded task
     * @param index a position in it
     * @return that instance
     * @throws java.io.UncheckedIOException when the store cannot be read
     */
    public Instance instance(LoadedTask task, int index) {
        if (index < 0 || index >= task.size()) {
            throw new IndexOutOfBoundsException("instance " + index + " of task " + task.id());
        }
        return store.read(task.firstRecord() + index);
    }

    /**
     * @param task a loaded task
     * @return it with all its instances, read from the store
     */
    public Task read(LoadedTask task) {
        return task.withInstances(instances(task, null));
    }

    /**
     * @param task a loaded task
     * @return {@link TextHash#ofNormalized} of each of its inputs
     */
    public long[] inputHashes(LoadedTask task) {
        return inputHashes[task.order()];
    }

    /** @return every (task, instance) id pair that was loaded */
    public KnownInstances knownInstances() {
        return known;
    }

    /** @return how many bytes the instance store takes on disk */
    public long storedBytes() {
        return store.bytes();
    }

    /** Deletes the instance store. */
    @Override
    public void close() {
        store.close();
    }
}
