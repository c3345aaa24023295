package org.imlbench.reports;

import java.util.Map;
import org.imlbench.rundir.Sorted;

/**
 * One model's aggregate over the tasks of a category or a split.
 *
 * @param role the model's role
 * @param model the model's name
 * @param tasks how many tasks contributed: those every model scored without an evaluation error (the same tasks
 *              for every model)
 * @param n how many samples those tasks had in total
 * @param missing how many lines had no prediction, over all the group's tasks
 * @param metrics {@value GroupSummary#SCORE} (the macro average of each task's headline metric) and, for every
 *                metric name, its macro average over the tasks that report it; each with a bootstrap interval
 */
public record GroupResult(String role, String model, int tasks, int n, int missing, Map<String, Estimate> metrics) {
    /** Copies the map. */
    public GroupResult {
        metrics = Sorted.copy(metrics);
    }
}
