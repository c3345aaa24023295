package org.imlbench.harness.run;

import java.io.IOException;
import org.imlbench.api.TaskLoadException;
import org.imlbench.harness.splits.LeakageException;

/** Builds a run's {@link Benchmark} from its configuration: task sources, splits, prompts, training examples. */
@FunctionalInterface
public interface BenchmarkFactory {
    /**
     * Checks the configuration's task, split and prompt options, then loads the tasks and cuts the splits; nothing
     * is written to the run directory.
     *
     * @param config the run's configuration
     * @return the benchmark; close it when the run ends
     * @throws org.imlbench.api.UsageException when an option is invalid (before anything is read)
     * @throws TaskLoadException when a task source cannot be read
     * @throws IOException when the split spec or the instance store cannot be read or written
     * @throws LeakageException when an evaluation input equals a training input and overlap is not allowed
     */
    Benchmark build(RunConfig config) throws IOException, TaskLoadException, LeakageException;
}
