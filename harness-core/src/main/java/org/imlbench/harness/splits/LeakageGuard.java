package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.harness.tasks.TextHash;

/**
 * Measures how much each evaluation split overlaps the training set, and refuses splits that evaluate on training
 * inputs.
 *
 * <p>Two tests, per evaluation split:
 * <ul>
 *   <li><b>13-gram overlap</b> (reported): a (training, evaluation) instance pair overlaps when the instance texts,
 *       i.e. input and references, share a word 13-gram. The task instruction is left out on purpose: instances of one
 *       task share it by design, and counting it would flag every pair of the fully-supervised split.</li>
 *   <li><b>Exact input</b> (refused unless allowed): an evaluation instance whose instruction and whitespace-normalized
 *       input equal a training instance's, i.e. the model would have been tuned on the very prompt it is tested on.</li>
 * </ul>
 * Memory is bounded by the evaluation side, the smaller one (a capped number of instances per task): its 13-grams and
 * exact-input keys are indexed as 64-bit hashes in primitive arrays, and the training instances, read task by task
 * from the instance store, are streamed past the index. The cost is linear in the text plus the number of overlapping
 * pairs. Exact matches found by hash are confirmed by comparing the texts.
 */
public final class LeakageGuard {
    private static final int EXAMPLES = 5;

    private final List<Split> splitOrder = new ArrayList<>();
    private final List<Task> evalTasks = new ArrayList<>();
    private final List<Instance> evalInstances = new ArrayList<>();
    private final byte[] splitOf;
    private final HashIndex grams;
    private final HashIndex keys;
    private final int[] stamp;
    private final BitSet overlapping;
    private final long[] pairs = new long[Split.values().length];
    private final String[] firstMatch;

    private LeakageGuard(Map<Split, List<Task>> evaluation) {
        int count = 0;
        for (List<Task> tasks : evaluation.values()) {
            for (Task task : tasks) {
                count += task.instances().size();
            }
        }
        splitOf = new byte[count];
        long[] keyHashes = new long[count];
        int[] keyValues = new int[count];
        long[] gramHashes = new long[Math.max(16, count * 8)];
        int[] gramValues = new int[gramHashes.length];
        int grams = 0;
        int e = 0;
        for (Map.Entry<Split, List<Task>> split : evaluation.entrySet()) {
            splitOrder.add(split.getKey());
            for (Task task : split.getValue()) {
                for (Instance instance : task.instances()) {
                    evalTasks.add(task);
                    evalInstances.add(instance);
                    splitOf[e] = (byte) split.getKey().ordinal();
                    keyHashes[e] = keyHash(task, instance);
                    keyValues[e] = e;
                    for (long h : distinct(NGrams.hashes(text(instance)))) {
                        if (grams == gramHashes.length) {
                            gramHashes = Arrays.copyOf(gramHashes, grams * 2);
                            gramValues = Arrays.copyOf(gramValues, grams * 2);
                        }
                        gramHashes[grams] = h;
                        gramValues[grams++] = e;
                    }
                    e++;
                }
            }
        }
        this.keys = new HashIndex(keyHashes, keyValues, count);
        this.grams = new HashIndex(gramHashes, gramValues, grams);
        this.stamp = new int[count];
        Arrays.fill(stamp, -1);
        this.overlapping = new BitSet(count);
        this.firstMatch = new String[count];
    }

    /**
     * Measures every evaluation split of {@code splits}.
     *
     * @param splits the splits
     * @return the report
     * @throws java.io.UncheckedIOException when the instance store cannot be read
     */
    public static LeakageReport check(Splits splits) {
        LeakageGuard guard = new LeakageGuard(splits.evaluation());
        int sequence = 0;
        for (Splits.TrainedTask trained : splits.train()) {
            Task task = splits.trainingTask(trained);
            for (Instance instance : task.instances()) {
                guard.visit(sequence++, task, instance);
            }
        }
        return guard.report();
    }

    /**
     * Measures the splits and refuses them when an evaluation input equals a training input.
     *
     * @param splits the splits
     * @param allowOverlap when true, exact matches are reported but accepted ({@code --allow-overlap})
     * @return the report
     * @throws LeakageException when a split has exact matches and overlap is not allowed
     */
    public static LeakageReport enforce(Splits splits, boolean allowOverlap) throws LeakageException {
        LeakageReport report = check(splits);
        if (!allowOverlap) {
            refuseExactMatches(report);
        }
        return report;
    }

    /**
     * @param report a measured report
     * @throws LeakageException when a split has exact matches
     */
    public static void refuseExactMatches(LeakageReport report) throws LeakageException {
        List<LeakageReport.SplitLeakage> bad = report.withExactMatches();
        if (bad.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("refusing the split: evaluation inputs equal training inputs in ");
        for (int i = 0; i < bad.size(); i++) {
            LeakageReport.SplitLeakage s = bad.get(i);
            message.append(i == 0 ? "" : "; ").append(s.split().id()).append(" (").append(s.exactMatches())
                    .append(" instance(s), e.g. ").append(String.join(", ", s.examples())).append(")");
        }
        message.append(". Fix the split spec or pass --allow-overlap to accept it.");
        throw new LeakageException(message.toString(), report);
    }

    /** One training instance, in training order (tuned tasks in load order, each task's instances in order). */
    private void visit(int sequence, Task task, Instance instance) {
        keys.forEach(keyHash(task, instance), e -> {
            if (firstMatch[e] == null && samePrompt(evalTasks.get(e), evalInstances.get(e), task, instance)) {
                firstMatch[e] = task.id() + "/" + instance.id();
            }
        });
        for (long h : distinct(NGrams.hashes(text(instance)))) {
            grams.forEach(h, e -> {
                if (stamp[e] != sequence) {
                    stamp[e] = sequence;
                    pairs[splitOf[e]]++;
                    overlapping.set(e);
                }
            });
        }
    }

    private LeakageReport report() {
        Map<Split, LeakageReport.SplitLeakage> out = new LinkedHashMap<>();
        int e = 0;
        for (Split split : splitOrder) {
            int evaluated = 0;
            int withNgram = 0;
            int exact = 0;
            List<String> examples = new ArrayList<>();
            while (e < splitOf.length && splitOf[e] == split.ordinal()) {
                evaluated++;
                withNgram += overlapping.get(e) ? 1 : 0;
                if (firstMatch[e] != null) {
                    exact++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(evalTasks.get(e).id() + "/" + evalInstances.get(e).id() + " = " + firstMatch[e]);
                    }
                }
                e++;
            }
            out.put(split, new LeakageReport.SplitLeakage(split, evaluated, pairs[split.ordinal()], withNgram, exact,
                    examples));
        }
        return new LeakageReport(out);
    }

    private static String text(Instance instance) {
        return instance.input() + "\n" + String.join("\n", instance.references());
    }

    /** The hash of what {@link #samePrompt} compares: the stripped instruction and the normalized input. */
    private static long keyHash(Task task, Instance instance) {
        return TextHash.of(task.instruction().strip()) * 31 + TextHash.ofNormalized(instance.input());
    }

    private static boolean samePrompt(Task a, Instance x, Task b, Instance y) {
        return a.instruction().strip().equals(b.instruction().strip())
                && TextHash.normalize(x.input()).equals(TextHash.normalize(y.input()));
    }

    private static long[] distinct(long[] hashes) {
        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }
}
