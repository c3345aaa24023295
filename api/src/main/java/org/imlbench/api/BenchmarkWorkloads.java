package org.imlbench.api;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * A backend's own speed workloads, run by {@code harness bench --backend NAME} ({@link ModelBackend#benchmark()}):
 * the backend builds whatever model it measures (e.g. a random checkpoint of a known shape) and reports figures
 * whose keys a baseline script can print too, so that the two are compared in one run. Since API level 3.
 */
public interface BenchmarkWorkloads {
    /**
     * Runs every workload.
     *
     * @param settings how to run
     * @param log progress lines, one per measured workload
     * @return the figures, in table order
     * @throws IOException when the workloads cannot run (e.g. the temporary checkpoint cannot be written)
     */
    List<BenchmarkFigure> run(BenchmarkSettings settings, PrintStream log) throws IOException;
}
