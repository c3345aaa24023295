package org.imlbench.reports;

import java.util.List;
import java.util.Map;
import org.imlbench.rundir.Sorted;

/**
 * One model's results on one task.
 *
 * @param role the model's role ({@code base}, {@code tuned} or {@code model})
 * @param model the model's name
 * @param n how many samples were scored
 * @param missing how many lines had no prediction ({@code missing: true}); they are not scored
 * @param missingInstances the ids of those instances
 * @param complete true when the task's {@code .done} file exists (its evaluation finished)
 * @param error the evaluation's error message, or null
 * @param metrics metric name to mean with its bootstrap interval
 * @param samplesFile the per-sample JSONL, relative to the run directory, or null when there is none
 */
public record RoleResult(String role, String model, int n, int missing, List<String> missingInstances,
                         boolean complete, String error, Map<String, Estimate> metrics, String samplesFile) {
    /** Copies the collections. */
    public RoleResult {
        missingInstances = List.copyOf(missingInstances);
        metrics = Sorted.copy(metrics);
    }

    /** @return true when this evaluation failed */
    public boolean failed() {
        return error != null;
    }
}
