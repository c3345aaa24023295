package org.imlbench.djl.bench;

/**
 * One measured figure.
 *
 * @param key a stable identifier, shared with the baseline script's JSON output
 * @param workload what was measured, for the table
 * @param value the figure
 * @param unit its unit
 */
public record BenchResult(String key, String workload, double value, String unit) {
}
