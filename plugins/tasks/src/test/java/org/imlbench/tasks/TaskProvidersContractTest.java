package org.imlbench.tasks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.Options;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskSource;
import org.imlbench.tasks.bbh.BbhTaskProvider;
import org.imlbench.tasks.csv.CsvTaskProvider;
import org.imlbench.tasks.niv2.Niv2TaskProvider;
import org.imlbench.tasks.synthetic.SyntheticTaskProvider;
import org.imlbench.testkit.SharedData;
import org.imlbench.testkit.TaskCategoryContract;
import org.junit.jupiter.api.Nested;

/** Every built-in task source passes the plugin authors' contract kit. */
class TaskProvidersContractTest {
    @Nested
    class Synthetic extends TaskCategoryContract {
        @Override
        protected TaskCategoryProvider provider() {
            return new SyntheticTaskProvider();
        }

        @Override
        protected TaskSource source(long seed) {
            return new TaskSource("synthetic", Optional.empty(), seed, false, Options.of(Map.of("instances", "20")));
        }
    }

    @Nested
    class Niv2 extends TaskCategoryContract {
        @Override
        protected TaskCategoryProvider provider() {
            return new Niv2TaskProvider();
        }

        @Override
        protected TaskSource source(long seed) {
            return new TaskSource("niv2", Optional.of(SharedData.data("niv2")), seed, false, Options.empty());
        }
    }

    @Nested
    class Bbh extends TaskCategoryContract {
        @Override
        protected TaskCategoryProvider provider() {
            return new BbhTaskProvider();
        }

        @Override
        protected TaskSource source(long seed) {
            return new TaskSource("bbh", Optional.of(SharedData.data("bbh")), seed, false, Options.empty());
        }
    }

    @Nested
    class Csv extends TaskCategoryContract {
        @Override
        protected TaskCategoryProvider provider() {
            return new CsvTaskProvider();
        }

        @Override
        protected TaskSource source(long seed) {
            Path examples = Path.of(System.getProperty("imlbench.repo", "../..")).resolve("docs/examples/csv-tasks");
            return new TaskSource("csv", Optional.of(examples), seed, false, Options.empty());
        }
    }
}
