package org.imlbench.harness.run;

import java.io.IOException;

/** Builds a run's {@link Benchmark} from its configuration: task sources, splits, prompts, training examples. */
@FunctionalInterface
public interface BenchmarkFactory {
    /**
     * @param config the run's configuration
     * @return the benchmark
     * @throws IOException when task sources or the split spec cannot be read
     */
    Benchmark build(RunConfig config) throws IOException;
}
