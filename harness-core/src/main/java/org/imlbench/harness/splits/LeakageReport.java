package org.imlbench.harness.splits;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.rundir.Split;

/**
 * Train/evaluation overlap, per evaluation split.
 *
 * @param splits one entry per evaluation split, in report order
 */
public record LeakageReport(Map<Split, SplitLeakage> splits) {
    /** Copies the map, keeping its order. */
    public LeakageReport {
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
    }

    /**
     * The overlap of one evaluation split with the training set.
     *
     * @param split the split
     * @param evaluationInstances instances evaluated in the split
     * @param ngramPairs (training instance, evaluation instance) pairs whose texts share a word 13-gram
     * @param instancesWithNgramOverlap evaluation instances sharing a 13-gram with at least one training instance
     * @param exactMatches evaluation instances whose prompt input (instruction and input) equals a training
     *                     instance's
     * @param examples a few of the exact matches, as {@code evalTask/instance = trainTask/instance}
     */
    public record SplitLeakage(Split split, int evaluationInstances, long ngramPairs, int instancesWithNgramOverlap,
                               int exactMatches, List<String> examples) {
        /** Copies the list. */
        public SplitLeakage {
            examples = List.copyOf(examples);
        }
    }

    /** @return the splits with at least one exact match */
    public List<SplitLeakage> withExactMatches() {
        return splits.values().stream().filter(s -> s.exactMatches() > 0).toList();
    }
}
