package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.harness.tasks.LoadedTasks;
import org.imlbench.harness.tasks.TextHash;

/**
 * Draws the k demonstrations of one evaluated instance from its task's pool ({@link Splits#demonstrationPool}):
 * a tuned task's training instances, or a held-out task's other instances. The evaluated instance, and any
 * instance with the same input, is never drawn. The draw depends only on the seed, the task id and the instance id,
 * so it is the same whatever else is evaluated, in whatever order.
 *
 * <p>The pool stays in the instance store: candidates with the same input are found by the hashes of the pool's
 * normalized inputs (and confirmed by reading them), the draw is a partial Fisher-Yates shuffle over the candidates'
 * ranks, and only the k drawn instances are read.
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
     * @throws java.io.UncheckedIOException when the instance store cannot be read
     */
    public List<Instance> sample(Task task, Instance instance, int shots, long seed) {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0: " + shots);
        }
        if (shots == 0) {
            return List.of();
        }
        Splits.DemonstrationPool pool = splits.demonstrationPool(task.id()).orElseThrow(() ->
                new IllegalArgumentException("task " + task.id() + " is not part of the splits"));
        LoadedTasks store = splits.tasks();
        int own = splits.evaluatedPosition(task.id(), instance);
        long inputHash = TextHash.ofNormalized(instance.input());
        String input = null;
        // the ranks in the pool that are not candidates, ascending
        List<Integer> excluded = new ArrayList<>();
        for (int member = 0; member < pool.size(); member++) {
            int position = pool.position(member);
            boolean same = position == own;
            if (!same && pool.inputHashes()[member] == inputHash) {
                input = input != null ? input : TextHash.normalize(instance.input());
                same = TextHash.normalize(store.instance(pool.task(), position).input()).equals(input);
            }
            if (!same && own < 0) {
                // an instance this task does not evaluate: only its id can tell whether the pool holds it
                same = store.instance(pool.task(), position).id().equals(instance.id());
            }
            if (same) {
                excluded.add(member);
            }
        }
        int candidates = pool.size() - excluded.size();
        Random random = SplitBuilder.random(seed, task.id() + "\u0000" + instance.id(), "demonstrations");
        int k = Math.min(shots, candidates);
        // partial Fisher-Yates over the candidates' ranks: the first k positions become a uniform sample without
        // replacement, drawn exactly as over a list of the candidates; only swapped ranks are remembered
        Map<Integer, Integer> swapped = new HashMap<>();
        List<Instance> drawn = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(candidates - i);
            int atI = swapped.getOrDefault(i, i);
            int atJ = swapped.getOrDefault(j, j);
            swapped.put(j, atI);
            drawn.add(store.instance(pool.task(), pool.position(member(atJ, excluded))));
        }
        return List.copyOf(drawn);
    }

    /** The pool rank of the candidate of rank {@code candidate}: candidates are the members not excluded. */
    private static int member(int candidate, List<Integer> excluded) {
        int member = candidate;
        for (int e : excluded) {
            if (e > member) {
                break;
            }
            member++;
        }
        return member;
    }
}
