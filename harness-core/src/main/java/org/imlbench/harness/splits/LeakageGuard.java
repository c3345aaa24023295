package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
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
 *   <li><b>Exact input</b> (refused unless allowed): an evaluation instance whose instruction and whitespace-normalized
 *       input equal a training instance's, i.e. the model would have been tuned on the very prompt it is tested on.</li>
 * </ul>
 * Training 13-grams are indexed once in a hash table of posting lists, so the cost is linear in the text plus the
 * number of overlapping pairs.
 */
public final class LeakageGuard {
    private static final int EXAMPLES = 5;

    private final List<Instance> trainInstances = new ArrayList<>();
    private final List<String> trainTaskIds = new ArrayList<>();
    private final Map<Long, int[]> postings = new HashMap<>();
    private final Map<String, Integer> exactInputs = new HashMap<>();

    private LeakageGuard(List<Task> train) {
        Map<Long, List<Integer>> lists = new HashMap<>();
        for (Task task : train) {
            for (Instance instance : task.instances()) {
                int index = trainInstances.size();
                trainInstances.add(instance);
                trainTaskIds.add(task.id());
                exactInputs.putIfAbsent(promptKey(task, instance), index);
                for (long h : distinct(NGrams.hashes(text(instance)))) {
                    lists.computeIfAbsent(h, k -> new ArrayList<>(2)).add(index);
                }
            }
        }
        lists.forEach((h, list) -> postings.put(h, list.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * Measures every evaluation split of {@code splits}.
     *
     * @param splits the splits
     * @return the report
     */
    public static LeakageReport check(Splits splits) {
        LeakageGuard guard = new LeakageGuard(splits.train());
        Map<Split, LeakageReport.SplitLeakage> out = new LinkedHashMap<>();
        splits.evaluation().forEach((split, tasks) -> out.put(split, guard.measure(split, tasks)));
        return new LeakageReport(out);
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
        List<LeakageReport.SplitLeakage> bad = report.withExactMatches();
        if (!bad.isEmpty() && !allowOverlap) {
            StringBuilder message = new StringBuilder("refusing the split: evaluation inputs equal training inputs in ");
            for (int i = 0; i < bad.size(); i++) {
                LeakageReport.SplitLeakage s = bad.get(i);
                message.append(i == 0 ? "" : "; ").append(s.split().id()).append(" (").append(s.exactMatches())
                        .append(" instance(s), e.g. ").append(String.join(", ", s.examples())).append(")");
            }
            message.append(". Fix the split spec or pass --allow-overlap to accept it.");
            throw new LeakageException(message.toString(), report);
        }
        return report;
    }

    private LeakageReport.SplitLeakage measure(Split split, List<Task> tasks) {
        BitSet seen = new BitSet(trainInstances.size());
        List<Integer> touched = new ArrayList<>();
        long pairs = 0;
        int overlapping = 0;
        int exact = 0;
        int evaluated = 0;
        List<String> examples = new ArrayList<>();
        for (Task task : tasks) {
            for (Instance instance : task.instances()) {
                evaluated++;
                Integer match = exactInputs.get(promptKey(task, instance));
                if (match != null) {
                    exact++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(task.id() + "/" + instance.id() + " = " + trainTaskIds.get(match) + "/"
                                + trainInstances.get(match).id());
                    }
                }
                for (long h : NGrams.hashes(text(instance))) {
                    int[] posting = postings.get(h);
                    if (posting == null) {
                        continue;
                    }
                    for (int t : posting) {
                        if (!seen.get(t)) {
                            seen.set(t);
                            touched.add(t);
                        }
                    }
                }
                if (!touched.isEmpty()) {
                    overlapping++;
                    pairs += touched.size();
                    touched.forEach(seen::clear);
                    touched.clear();
                }
            }
        }
        return new LeakageReport.SplitLeakage(split, evaluated, pairs, overlapping, exact, examples);
    }

    private static String text(Instance instance) {
        return instance.input() + "\n" + String.join("\n", instance.references());
    }

    private static String promptKey(Task task, Instance instance) {
        return task.instruction().strip() + "\u0000" + SplitBuilder.normalize(instance.input());
    }

    private static long[] distinct(long[] hashes) {
        Set<Long> unique = new HashSet<>();
        for (long h : hashes) {
            unique.add(h);
        }
        return unique.stream().mapToLong(Long::longValue).toArray();
    }
}
