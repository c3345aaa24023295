package org.imlbench.tuningdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.imlbench.api.TrainingExamples;

/**
 * Seeded examples-proportional mixing with a per-task cap ("EPS", as in T5 and OPT-IML): each draw picks a task with
 * probability proportional to {@code min(examples of the task, cap)}, then the task's next example in a shuffled
 * order that is reshuffled whenever it runs out, so every example of a task is used before any repeats. With source
 * proportions (e.g. niv2 0.7, bbh 0.3) each source first gets its share, split among its tasks examples-proportionally
 * with the cap. The same seed and examples always give the same sequence.
 *
 * <p>A task's source is the part of its id before the first {@code /} ({@code bbh/navigate} comes from {@code bbh}).
 */
public final class MixtureSampler {
    /**
     * One draw: an example of a task.
     *
     * @param task the task's index in the list the sampler was built from
     * @param index the example's index within its task
     */
    public record Draw(int task, int index) {
    }

    private final List<int[]> members = new ArrayList<>();
    private final List<String> tasks = new ArrayList<>();
    private final int[] inputIndex;
    private final double[] cumulative;
    private final int[] cursors;
    private final Random random;
    private long draws;

    /**
     * @param counts every task with its number of examples, in any order (draws name tasks by this order)
     * @param perTaskCap the most examples a task counts with
     * @param sourceProportions the share of each source, or empty for plain examples-proportional mixing
     * @param seed the seed
     * @throws IllegalArgumentException when there is no example, or the proportions name a source without
     *                                  examples, are negative, or leave no task to draw from
     */
    public MixtureSampler(List<TrainingExamples.TaskExamples> counts, int perTaskCap,
                          Map<String, Double> sourceProportions, long seed) {
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("no training examples to mix");
        }
        if (perTaskCap < 1) {
            throw new IllegalArgumentException("per-task cap must be >= 1: " + perTaskCap);
        }
        // tasks in id order, so that the draws do not depend on the order the tasks were loaded in
        Map<String, Integer> byTask = new TreeMap<>();
        Map<String, Integer> sizes = new TreeMap<>();
        for (int i = 0; i < counts.size(); i++) {
            TrainingExamples.TaskExamples c = counts.get(i);
            if (byTask.put(c.taskId(), i) != null) {
                throw new IllegalArgumentException("task " + c.taskId() + " is listed twice");
            }
            sizes.put(c.taskId(), c.count());
        }
        Map<String, Double> weights = weights(sizes, perTaskCap, sourceProportions);
        this.random = new Random(seed);
        double[] cum = new double[weights.size()];
        int[] input = new int[weights.size()];
        double total = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            int[] indices = new int[sizes.get(e.getKey())];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = i;
            }
            shuffle(indices);
            input[members.size()] = byTask.get(e.getKey());
            members.add(indices);
            tasks.add(e.getKey());
            total += e.getValue();
            cum[members.size() - 1] = total;
        }
        for (int i = 0; i < cum.length; i++) {
            cum[i] /= total;
        }
        this.cumulative = cum;
        this.inputIndex = input;
        this.cursors = new int[members.size()];
    }

    /**
     * The mixing weight of every task that can be drawn.
     *
     * @param sizes example counts by task
     * @param cap the per-task cap
     * @param sourceProportions the source shares, or empty
     * @return task to unnormalised weight, tasks with weight 0 left out
     */
    static Map<String, Double> weights(Map<String, Integer> sizes, int cap, Map<String, Double> sourceProportions) {
        Map<String, Double> capped = new LinkedHashMap<>();
        Map<String, Double> perSource = new TreeMap<>();
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
            double w = Math.min(e.getValue(), cap);
            capped.put(e.getKey(), w);
            perSource.merge(sourceOf(e.getKey()), w, Double::sum);
        }
        if (sourceProportions.isEmpty()) {
            return capped;
        }
        for (Map.Entry<String, Double> e : sourceProportions.entrySet()) {
            if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new IllegalArgumentException("proportion of source '" + e.getKey() + "' must be >= 0: "
                        + e.getValue());
            }
            if (!perSource.containsKey(e.getKey())) {
                throw new IllegalArgumentException("source '" + e.getKey() + "' has a proportion but no training "
                        + "examples (sources present: " + String.join(", ", perSource.keySet()) + ")");
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : capped.entrySet()) {
            String source = sourceOf(e.getKey());
            double share = sourceProportions.getOrDefault(source, 0.0);
            if (share > 0) {
                out.put(e.getKey(), share * e.getValue() / perSource.get(source));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the source proportions leave no task to train on");
        }
        return out;
    }

    /**
     * @param taskId a task id
     * @return its source: the part before the first {@code /}, or the whole id
     */
    public static String sourceOf(String taskId) {
        int slash = taskId.indexOf('/');
        return slash < 0 ? taskId : taskId.substring(0, slash);
    }

    /** @return the next example */
    public Draw next() {
        double u = random.nextDouble();
        int t = Arrays.binarySearch(cumulative, u);
        t = t >= 0 ? Math.min(t + 1, cumulative.length - 1) : -t - 1;
        if (t >= cumulative.length) {
            t = cumulative.length - 1;
        }
        int[] order = members.get(t);
        if (cursors[t] == order.length) {
            shuffle(order);
            cursors[t] = 0;
        }
        draws++;
        return new Draw(inputIndex[t], order[cursors[t]++]);
    }

    /** @return examples drawn so far */
    public long draws() {
        return draws;
    }

    /** @return the tasks that can be drawn, in a fixed order */
    public List<String> tasks() {
        return List.copyOf(tasks);
    }

    /**
     * @param task a task from {@link #tasks()}
     * @return the probability that a draw picks it
     */
    public double probability(String task) {
        int i = tasks.indexOf(task);
        if (i < 0) {
            return 0;
        }
        return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }

    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
