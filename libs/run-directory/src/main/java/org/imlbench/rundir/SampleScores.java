package org.imlbench.rundir;

import java.util.Map;

/**
 * What the reports need of one per-sample line.
 *
 * @param instance the instance id
 * @param missing true when the backend had no prediction (not scored)
 * @param hasOptions true for an option (rank classification) instance
 * @param metrics metric name to the sample's score in [0, 1]; empty when missing
 */
public record SampleScores(String instance, boolean missing, boolean hasOptions, Map<String, Double> metrics) {
    /** Copies the metrics. */
    public SampleScores {
        metrics = Map.copyOf(metrics);
    }
}
