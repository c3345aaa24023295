package org.imlbench.reports.summary;

import java.util.Map;
import org.imlbench.reports.TaskSummary;

/**
 * A task's summary together with the per-sample values behind it, which the category and split bootstraps resample.
 *
 * @param summary the task's summary
 * @param values role to metric to the scored samples' values (roles whose evaluation failed are left out)
 * @param differences metric to the tuned − base differences of matched instances
 */
record ScoredTask(TaskSummary summary, Map<String, Map<String, double[]>> values, Map<String, double[]> differences) {
}
