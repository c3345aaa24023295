package org.imlbench.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code harness bench} runs a backend's {@link BenchmarkWorkloads}.
 *
 * @param threads intra-op threads
 * @param repeats timed runs per workload after one warm-up (the best is reported)
 * @param seed seed of random weights and token data
 * @param workDir where temporary files go (the workloads delete them)
 */
public record BenchmarkSettings(int threads, int repeats, long seed, Path workDir) {
    /** Checks the invariants. */
    public BenchmarkSettings {
        Objects.requireNonNull(workDir, "workDir");
        if (threads < 1 || repeats < 1) {
            throw new IllegalArgumentException("threads and repeats must be >= 1: " + threads + ", " + repeats);
        }
    }
}
