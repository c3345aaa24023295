package org.imlbench.api;

import java.util.Objects;

/**
 * One measured figure of a {@link BenchmarkWorkloads} run.
 *
 * @param key a stable identifier, shared with a baseline script's JSON output (e.g. {@code scoring_tokens_per_s})
 * @param workload what was measured, for the table
 * @param value the figure (NaN when it could not be measured)
 * @param unit its unit; {@code x} marks a ratio, which is never divided by a baseline
 */
public record BenchmarkFigure(String key, String workload, double value, String unit) {
    /** Checks for nulls. */
    public BenchmarkFigure {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(unit, "unit");
    }
}
