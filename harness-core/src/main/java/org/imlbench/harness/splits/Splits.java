package org.imlbench.harness.splits;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.rundir.Split;

/**
 * The outcome of {@link SplitBuilder}: the training set and the three evaluation splits, plus what is needed to draw
 * demonstrations for every evaluated task.
 *
 * <p>Every task appears under its full id in exactly one role: tuned (in {@link #train()}, and in
 * {@link #fullySupervised()} with its held-out instances), fully held out, partially supervised, or excluded.
 */
public final class Splits {
    private final SplitSpec spec;
    private final long seed;
    private final List<Task> train;
    private final Map<Split, List<Task>> evaluation;
    private final Map<String, Task> demonstrationPools;
    private final List<String> excluded;
    private final List<String> notes;

    Splits(SplitSpec spec, long seed, List<Task> train, Map<Split, List<Task>> evaluation,
           Map<String, Task> demonstrationPools, List<String> excluded, List<String> notes) {
        this.spec = spec;
        this.seed = seed;
        this.train = List.copyOf(train);
        EnumMap<Split, List<Task>> copy = new EnumMap<>(Split.class);
        for (Split split : Split.generalization()) {
            copy.put(split, List.copyOf(evaluation.getOrDefault(split, List.of())));
        }
        this.evaluation = java.util.Collections.unmodifiableMap(copy);
        this.demonstrationPools = Map.copyOf(demonstrationPools);
        this.excluded = List.copyOf(excluded);
        this.notes = List.copyOf(notes);
    }

    /** @return the spec the splits were cut by */
    public SplitSpec spec() {
        return spec;
    }

    /** @return the seed the splits were cut with */
    public long seed() {
        return seed;
    }

    /** @return the tuned tasks, each holding only its training instances (capped by the spec), in load order */
    public List<Task> train() {
        return train;
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

    /**
     * The instances demonstrations for an evaluated task are drawn from: a tuned task's training instances; for a
     * held-out task, all of its instances (the evaluated one is removed by {@link DemonstrationSampler}).
     *
     * @param taskId a task id
     * @return the pool, or empty for a task that is not part of these splits
     */
    public Optional<List<Instance>> demonstrationPool(String taskId) {
        return Optional.ofNullable(demonstrationPools.get(taskId)).map(Task::instances);
    }

    /** @return ids of tasks dropped by the spec (its {@code excludedTasks}, NIv2's excluded list) */
    public List<String> excluded() {
        return excluded;
    }

    /** @return remarks on how the spec was applied (unknown names, tasks moved between splits), for users */
    public List<String> notes() {
        return notes;
    }
}
