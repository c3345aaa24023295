package org.imlbench.harness.splits;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.harness.tasks.LoadedTask;
import org.imlbench.harness.tasks.LoadedTasks;
import org.imlbench.rundir.Split;

/**
 * The outcome of {@link SplitBuilder}: the training set and the three evaluation splits, plus what is needed to draw
 * demonstrations for every evaluated task.
 *
 * <p>The evaluation splits are held in memory (at most a capped number of instances per task); the training set and
 * the demonstration pools are positions in the {@link LoadedTasks}' instance store, read back when needed.
 *
 * <p>Every task appears under its full id in exactly one role: tuned (in {@link #train()}, and in
 * {@link #fullySupervised()} with its held-out instances), fully held out, partially supervised, or excluded.
 */
public final class Splits {
    /**
     * One tuned task and its training instances.
     *
     * @param task the task
     * @param indices the positions of its training instances, sorted
     */
    public record TrainedTask(LoadedTask task, int[] indices) {
        /** @return how many training instances it has */
        public int size() {
            return indices.length;
        }
    }

    /**
     * The instances demonstrations for one evaluated task are drawn from: a tuned task's training instances; for a
     * held-out task, all of its instances (the evaluated one is removed by {@link DemonstrationSampler}).
     *
     * @param task the task
     * @param members the positions of the pool's instances in the task, sorted; null for all of them
     * @param inputHashes the hash of each member's normalized input, in member order
     */
    public record DemonstrationPool(LoadedTask task, int[] members, long[] inputHashes) {
        /** @return how many instances the pool has */
        public int size() {
            return inputHashes.length;
        }

        /**
         * @param member a member's rank in the pool
         * @return its position in the task
         */
        public int position(int member) {
            return members == null ? member : members[member];
        }
    }

    private final LoadedTasks tasks;
    private final SplitSpec spec;
    private final long seed;
    private final List<TrainedTask> train;
    private final Map<Split, List<Task>> evaluation;
    private final Map<String, DemonstrationPool> pools;
    private final Map<String, Map<String, Integer>> evaluatedPositions;
    private final List<String> excluded;
    private final List<String> notes;

    Splits(LoadedTasks tasks, SplitSpec spec, long seed, List<TrainedTask> train, Map<Split, List<Task>> evaluation,
           Map<String, DemonstrationPool> pools, Map<String, Map<String, Integer>> evaluatedPositions,
           List<String> excluded, List<String> notes) {
        this.tasks = tasks;
        this.spec = spec;
        this.seed = seed;
        this.train = List.copyOf(train);
        EnumMap<Split, List<Task>> copy = new EnumMap<>(Split.class);
        for (Split split : Split.generalization()) {
            copy.put(split, List.copyOf(evaluation.getOrDefault(split, List.of())));
        }
        this.evaluation = Collections.unmodifiableMap(copy);
        this.pools = Map.copyOf(pools);
        this.evaluatedPositions = Map.copyOf(evaluatedPositions);
        this.excluded = List.copyOf(excluded);
        this.notes = List.copyOf(notes);
    }

    /** @return the loaded tasks the splits were cut from */
    public LoadedTasks tasks() {
        return tasks;
    }

    /** @return the spec the splits were cut by */
    public SplitSpec spec() {
        return spec;
    }

    /** @return the seed the splits were cut with */
    public long seed() {
        return seed;
    }

    /** @return the tuned tasks with the positions of their training instances (capped by the spec), in load order */
    public List<TrainedTask> train() {
        return train;
    }

    /** @return how many training instances there are in all */
    public long trainingInstances() {
        return train.stream().mapToLong(TrainedTask::size).sum();
    }

    /**
     * Reads a tuned task's training instances from the instance store.
     *
     * @param trained a tuned task
     * @return the task holding only its training instances
     * @throws java.io.UncheckedIOException when the store cannot be read
     */
    public Task trainingTask(TrainedTask trained) {
        return trained.task().withInstances(tasks.instances(trained.task(), trained.indices()));
    }

    /** @return the tasks of fully held-out categories, each holding the instances to evaluate */
    public List<Task> fullyHeldOut() {
        return evaluation.get(Split.FULLY_HELD_OUT);
    }

    /** @return the held-out tasks of tuned categories, each holding the instances to evaluate */
    public List<Task> partiallySupervised() {
        return evaluation.get(Split.PARTIALLY_SUPERVISED);
    }

    /** @return the tuned tasks, each holding only its held-out evaluation instances */
    public List<Task> fullySupervised() {
        return evaluation.get(Split.FULLY_SUPERVISED);
    }

    /**
     * @param split a split
     * @return its tasks, each holding the instances to evaluate
     */
    public List<Task> evaluation(Split split) {
        return evaluation.get(split);
    }

    /** @return every evaluation split in report order ({@link Split} order), empty ones included */
    public Map<Split, List<Task>> evaluation() {
        return evaluation;
    }

    /** @return how many instances the evaluation splits hold in all */
    public long evaluationInstances() {
        return evaluation.values().stream().flatMap(List::stream).mapToLong(t -> t.instances().size()).sum();
    }

    /**
     * @param taskId a task id
     * @return the pool demonstrations for the task's evaluated instances come from, or empty for a task that is not
     *         evaluated in these splits
     */
    public Optional<DemonstrationPool> demonstrationPool(String taskId) {
        return Optional.ofNullable(pools.get(taskId));
    }

    /**
     * @param taskId an evaluated task
     * @param instance one of its evaluated instances
     * @return the instance's position in its task, or -1 when it is not one of the task's evaluated instances
     */
    public int evaluatedPosition(String taskId, Instance instance) {
        return evaluatedPositions.getOrDefault(taskId, Map.of()).getOrDefault(instance.id(), -1);
    }

    /** @return ids of tasks dropped by the spec (its {@code excludedTasks}, or their sources' own lists) */
    public List<String> excluded() {
        return excluded;
    }

    /** @return remarks on how the spec was applied (unknown names, tasks moved between splits), for users */
    public List<String> notes() {
        return notes;
    }
}
