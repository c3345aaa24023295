package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.harness.tasks.TextHash;
import org.imlbench.harness.tasks.Workers;
import org.imlbench.rundir.Split;

/**
 * Measures how much each evaluation split overlaps the training set, and refuses splits that evaluate on training
 * inputs.
 *
 * <p>Two tests, per evaluation split:
 * <ul>
 *   <li><b>13-gram overlap</b> (reported): a (training, evaluation) instance pair overlaps when the instance texts,
 *       i.e. input and references, share a word 13-gram. The task instruction is left out on purpose: instances of one
 *       task share it by design, and counting it would flag every pair of the fully-supervised split.</li>
 *   <li><b>Exact input</b> (refused unless allowed): an evaluation instance whose instruction and
 *       whitespace-normalized input equal a training instance's, i.e. the model would have been tuned on the very
 *       prompt it is tested on.</li>
 * </ul>
 * Memory is bounded by the evaluation side, the smaller one (a capped number of instances per task): its 13-grams and
 * exact-input keys are indexed as 64-bit hashes in primitive arrays, and the training instances, read task by task
 * from the instance store (on two threads, tasks shared between them), are streamed past the index. The cost is
 * linear in the text plus the number of overlapping pairs. Exact matches found by hash are confirmed by comparing the
 * texts.
 */
public final class LeakageGuard {
    private static final int EXAMPLES = 5;
    /** Threads the training side is streamed on: the machines this runs on often have two cores. */
    private static final int THREADS = 2;

    private final List<Split> splitOrder = new ArrayList<>();
    private final List<Task> evalTasks = new ArrayList<>();
    private final List<Instance> evalInstances = new ArrayList<>();
    private final byte[] splitOf;
    private final HashIndex grams;
    private final HashIndex keys;

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
                long instructionHash = TextHash.of(task.instruction().strip());
                for (Instance instance : task.instances()) {
                    evalTasks.add(task);
                    evalInstances.add(instance);
                    splitOf[e] = (byte) split.getKey().ordinal();
                    keyHashes[e] = instructionHash * 31 + TextHash.ofNormalized(instance.input());
                    keyValues[e] = e;
                    for (long h : distinct(NGrams.hashes(instance))) {
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
        List<Splits.TrainedTask> train = splits.train();
        // each training instance's place in training order, whichever thread visits it
        int[] firstSequence = new int[train.size()];
        long sequence = 0;
        for (int t = 0; t < train.size(); t++) {
            firstSequence[t] = Math.toIntExact(sequence);
            sequence += train.get(t).size();
        }
        int threads = Math.max(1, Math.min(THREADS, Math.min(train.size(),
                Runtime.getRuntime().availableProcessors())));
        List<Visitor> visitors = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            visitors.add(guard.new Visitor());
        }
        if (threads == 1) {
            visitors.get(0).visitTasks(splits, firstSequence, 0, 1);
        } else {
            ExecutorService pool = Workers.daemons(threads, "imlbench-leakage");
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int k = 0; k < threads; k++) {
                    int first = k;
                    done.add(pool.submit(() -> visitors.get(first).visitTasks(splits, firstSequence, first,
                            threads)));
                }
                for (Future<?> future : done) {
                    Workers.await(future, "checking leakage");
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return guard.report(visitors);
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

    /**
     * What one thread finds for the training instances it visits: the pairs it counts, the evaluation instances that
     * share a 13-gram with one of them, and for each evaluation instance the first of them (in training order) with
     * the same prompt.
     */
    private final class Visitor {
        private final int[] stamp = new int[splitOf.length];
        private final BitSet overlapping = new BitSet(splitOf.length);
        private final long[] pairs = new long[Split.values().length];
        private final int[] matchSequence = new int[splitOf.length];
        private final String[] match = new String[splitOf.length];

        Visitor() {
            Arrays.fill(stamp, -1);
            Arrays.fill(matchSequence, Integer.MAX_VALUE);
        }

        /** Visits tasks {@code first, first + step, ...} of the training set. */
        void visitTasks(Splits splits, int[] firstSequence, int first, int step) {
            List<Splits.TrainedTask> train = splits.train();
            for (int t = first; t < train.size(); t += step) {
                Task task = splits.trainingTask(train.get(t));
                String instruction = task.instruction().strip();
                long instructionHash = TextHash.of(instruction);
                // the normalized inputs were hashed while loading: a tuned task's pool is its training set
                long[] inputHashes = splits.demonstrationPool(task.id()).orElseThrow().inputHashes();
                for (int i = 0; i < task.instances().size(); i++) {
                    visit(firstSequence[t] + i, task, instruction, instructionHash * 31 + inputHashes[i],
                            task.instances().get(i));
                }
            }
        }

        private void visit(int sequence, Task task, String instruction, long keyHash, Instance instance) {
            keys.forEach(keyHash, e -> {
                if (sequence < matchSequence[e] && evalTasks.get(e).instruction().strip().equals(instruction)
                        && TextHash.normalize(evalInstances.get(e).input())
                        .equals(TextHash.normalize(instance.input()))) {
                    matchSequence[e] = sequence;
                    match[e] = task.id() + "/" + instance.id();
                }
            });
            // a 13-gram repeated within the instance finds the same evaluation instances again: the stamps skip them.
            // The filter is asked first for all of them, in a loop of independent reads the processor overlaps.
            long[] hashes = NGrams.hashes(instance);
            int candidates = 0;
            for (long h : hashes) {
                if (grams.mayContain(h)) {
                    hashes[candidates++] = h;
                }
            }
            for (int c = 0; c < candidates; c++) {
                grams.forEachUnfiltered(hashes[c], e -> {
                    if (stamp[e] != sequence) {
                        stamp[e] = sequence;
                        pairs[splitOf[e]]++;
                        overlapping.set(e);
                    }
                });
            }
        }
    }

    private LeakageReport report(List<Visitor> visitors) {
        long[] pairs = new long[Split.values().length];
        BitSet overlapping = new BitSet(splitOf.length);
        String[] firstMatch = new String[splitOf.length];
        int[] firstSequence = new int[splitOf.length];
        Arrays.fill(firstSequence, Integer.MAX_VALUE);
        for (Visitor v : visitors) {
            for (int s = 0; s < pairs.length; s++) {
                pairs[s] += v.pairs[s];
            }
            overlapping.or(v.overlapping);
            for (int e = 0; e < splitOf.length; e++) {
                if (v.matchSequence[e] < firstSequence[e]) {
                    firstSequence[e] = v.matchSequence[e];
                    firstMatch[e] = v.match[e];
                }
            }
        }
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
