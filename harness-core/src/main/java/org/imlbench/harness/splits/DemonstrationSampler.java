package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;

/**
 * Draws the k demonstrations of one evaluated instance from its task's pool ({@link Splits#demonstrationPool}):
 * a tuned task's training instances, or a held-out task's other instances. The evaluated instance, and any
 * instance with the same input, is never drawn. The draw depends only on the seed, the task id and the instance id,
 * so it is the same whatever else is evaluated, in whatever order.
 */
public final class DemonstrationSampler {
    private final Splits splits;

    /** @param splits the splits whose pools to draw from */
    public DemonstrationSampler(Splits splits) {
        this.splits = splits;
    }

    /**
     * @param task the evaluated task (any split)
     * @param instance the evaluated instance
     * @param shots how many demonstrations
     * @param seed the run's seed
     * @return up to {@code shots} pool instances, fewer when the pool is smaller
     * @throws IllegalArgumentException when the task is not part of the splits
     */
    public List<Instance> sample(Task task, Instance instance, int shots, long seed) {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0: " + shots);
        }
        if (shots == 0) {
            return List.of();
        }
        List<Instance> pool = splits.demonstrationPool(task.id()).orElseThrow(() ->
                new IllegalArgumentException("task " + task.id() + " is not part of the splits"));
        String input = SplitBuilder.normalize(instance.input());
        List<Instance> candidates = new ArrayList<>(pool.size());
        for (Instance candidate : pool) {
            if (!candidate.id().equals(instance.id()) && !SplitBuilder.normalize(candidate.input()).equals(input)) {
                candidates.add(candidate);
            }
        }
        Random random = SplitBuilder.random(seed, task.id() + "\u0000" + instance.id(), "demonstrations");
        int k = Math.min(shots, candidates.size());
        // partial Fisher-Yates: the first k positions become a uniform sample without replacement
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(candidates.size() - i);
            Instance swap = candidates.get(i);
            candidates.set(i, candidates.get(j));
            candidates.set(j, swap);
        }
        return List.copyOf(candidates.subList(0, k));
    }
}
