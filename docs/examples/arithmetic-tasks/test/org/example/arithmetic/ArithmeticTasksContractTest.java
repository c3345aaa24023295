package org.example.arithmetic;

import java.util.Optional;
import org.imlbench.api.Options;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskSource;
import org.imlbench.testkit.TaskCategoryContract;

/** The plugin authors' contract kit, run against the example task plugin. */
class ArithmeticTasksContractTest extends TaskCategoryContract {
    @Override
    protected TaskCategoryProvider provider() {
        return new ArithmeticTasks();
    }

    @Override
    protected TaskSource source(long seed) {
        return new TaskSource("arithmetic", Optional.empty(), seed, false, Options.empty());
    }
}
