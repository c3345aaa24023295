package org.imlbench.reports;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.imlbench.rundir.Sorted;
import org.imlbench.rundir.Split;

/**
 * One task of one split: every model's results and the paired tuned − base differences.
 *
 * @param task the task id
 * @param category the task's category
 * @param split the split it was evaluated in
 * @param source the benchmark it comes from
 * @param headlineMetric the metric that decides the verdict and feeds the category and split averages (see
 *                       {@code docs/reports.md}), or null when no metric was reported
 * @param results model role to that model's results
 * @param deltas metric name to the paired bootstrap estimate of tuned − base (matched by instance id); empty
 *               unless both a base and a tuned model were evaluated
 * @param verdict the task's verdict
 * @param verdictDetail why (the drop and its interval, or the error), or null for {@link Verdict#OK}
 */
public record TaskSummary(String task, String category, Split split, String source, String headlineMetric,
                          Map<String, RoleResult> results, Map<String, Estimate> deltas, Verdict verdict,
                          String verdictDetail) {
    /** Copies the maps. */
    public TaskSummary {
        results = Sorted.copy(results);
        deltas = Sorted.copy(deltas);
    }

    /**
     * The headline metric's estimate for a model.
     *
     * @param role the model's role
     * @return the estimate, if that model has one
     */
    public Optional<Estimate> headline(String role) {
        RoleResult result = results.get(role);
        if (result == null || headlineMetric == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(result.metrics().get(headlineMetric));
    }

    /** @return every metric any model reported for the task, sorted by name */
    public List<String> reportedMetrics() {
        Set<String> metrics = new TreeSet<>();
        results.values().forEach(r -> metrics.addAll(r.metrics().keySet()));
        return List.copyOf(metrics);
    }

    /** @return the headline metric's tuned − base estimate, if there is one */
    public Optional<Estimate> headlineDelta() {
        return headlineMetric == null ? Optional.empty() : Optional.ofNullable(deltas.get(headlineMetric));
    }
}
