package org.imlbench.harness.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.imlbench.api.Instance;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.rundir.Shard;
import org.imlbench.rundir.Split;

/**
 * Which instances a shard evaluates ({@code --shard K/N}): every shard computes the same plan from the same
 * configuration and seed, so the shards are disjoint and together cover every instance, with no coordination.
 *
 * <p>The work is balanced by each instance's cost, the characters of its rendered prompt and continuations (a proxy
 * for tokens that needs no tokenizer, so the plan is fixed before any model is loaded): instances are taken from the
 * most to the least expensive (ties by split, task and position) and each goes to the shard with the least work so
 * far (the longest-processing-time rule, within 4/3 of the best possible balance).
 */
public final class ShardPlan {
    private final Map<String, int[]> positions;

    private ShardPlan(Map<String, int[]> positions) {
        this.positions = positions;
    }

    /** @return the plan of an unsharded run: every instance */
    public static ShardPlan all() {
        return new ShardPlan(null);
    }

    /**
     * @param benchmark the evaluation splits
     * @param shard which part to keep, or empty for every instance
     * @return the plan
     */
    public static ShardPlan of(Benchmark benchmark, Optional<Shard> shard) {
        if (shard.isEmpty() || shard.get().count() == 1) {
            return all();
        }
        record Item(Split split, Task task, int position, long cost) {
        }
        List<Item> items = new ArrayList<>();
        for (Map.Entry<Split, List<Task>> split : benchmark.evaluation().entrySet()) {
            for (Task task : split.getValue()) {
                for (int i = 0; i < task.instances().size(); i++) {
                    items.add(new Item(split.getKey(), task, i, cost(benchmark.prompts().render(task,
                            task.instances().get(i)))));
                }
            }
        }
        items.sort(Comparator.comparingLong(Item::cost).reversed().thenComparing(Item::split)
                .thenComparing(item -> item.task().id()).thenComparingInt(Item::position));
        int count = shard.get().count();
        long[] load = new long[count];
        PriorityQueue<Integer> least = new PriorityQueue<>(Comparator.<Integer>comparingLong(k -> load[k])
                .thenComparingInt(k -> k));
        for (int k = 0; k < count; k++) {
            least.add(k);
        }
        Map<String, List<Integer>> mine = new HashMap<>();
        int me = shard.get().index() - 1;
        for (Item item : items) {
            int k = least.poll();
            load[k] += item.cost();
            least.add(k);
            if (k == me) {
                mine.computeIfAbsent(key(item.split(), item.task()), x -> new ArrayList<>()).add(item.position());
            }
        }
        Map<String, int[]> positions = new HashMap<>();
        mine.forEach((key, list) -> positions.put(key, list.stream().mapToInt(Integer::intValue).sorted().toArray()));
        return new ShardPlan(positions);
    }

    /**
     * @param split a split
     * @param task one of its tasks
     * @return the positions (indices into the task's instances) this shard evaluates, ascending; empty when none
     */
    public int[] positions(Split split, Task task) {
        if (positions == null) {
            int[] all = new int[task.instances().size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        return positions.getOrDefault(key(split, task), new int[0]);
    }

    private static long cost(RenderedPrompt prompt) {
        long cost = prompt.source().length();
        for (String continuation : prompt.continuations()) {
            cost += continuation.length();
        }
        return Math.max(cost, 1);
    }

    private static String key(Split split, Task task) {
        return split.id() + "\u0000" + task.id();
    }

    /**
     * @param positions instance positions of a task
     * @param task the task
     * @return those instances, in order
     */
    static List<Instance> instances(int[] positions, Task task) {
        List<Instance> out = new ArrayList<>(positions.length);
        for (int p : positions) {
            out.add(task.instances().get(p));
        }
        return out;
    }
}
