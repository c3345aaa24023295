package org.imlbench.reports;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.rundir.Sorted;
import org.imlbench.rundir.Split;

/**
 * A category of a split, or a whole split: macro averages over its tasks, as OPT-IML reports them.
 *
 * @param split the split
 * @param category the category, or null for the whole split
 * @param tasks the ids of the group's tasks
 * @param results model role to that model's aggregate
 * @param deltas metric name ({@value #SCORE} first of all) to the paired bootstrap estimate of tuned − base,
 *               macro-averaged over the tasks where both models have matched samples
 * @param regressions how many of the group's tasks are {@link Verdict#REGRESSION}
 * @param errors how many of the group's tasks are {@link Verdict#ERROR}
 */
public record GroupSummary(Split split, String category, List<String> tasks, Map<String, GroupResult> results,
                           Map<String, Estimate> deltas, int regressions, int errors) {
    /** The aggregate of each task's headline metric. */
    public static final String SCORE = "score";

    /** Copies the collections. */
    public GroupSummary {
        tasks = List.copyOf(tasks);
        results = Sorted.copy(results);
        deltas = Sorted.copy(deltas);
    }

    /**
     * A model's headline score.
     *
     * @param role the model's role
     * @return the macro-averaged headline score, if that model has one
     */
    public Optional<Estimate> score(String role) {
        GroupResult result = results.get(role);
        return result == null ? Optional.empty() : Optional.ofNullable(result.metrics().get(SCORE));
    }

    /** @return the macro-averaged tuned − base headline difference, if there is one */
    public Optional<Estimate> scoreDelta() {
        return Optional.ofNullable(deltas.get(SCORE));
    }
}
