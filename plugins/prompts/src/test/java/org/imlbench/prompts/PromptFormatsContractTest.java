package org.imlbench.prompts;

import java.util.List;
import java.util.Optional;
import org.imlbench.api.Options;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.tasks.bbh.BbhTaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.imlbench.testkit.PromptFormatContract;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Nested;

/** Every built-in prompt format passes the plugin authors' contract kit. */
class PromptFormatsContractTest {
    /** Three BBH tasks (two with options, one free-form), read from the shared BBH data. */
    static List<Task> bbhTasks() {
        try {
            List<Task> all = LoadedSuite.read(new BbhTaskProvider(), new TaskSource("bbh",
                    Optional.of(SharedData.data("bbh")), 0, false, Options.empty())).tasks();
            return all.stream().filter(t -> List.of("bbh/navigate", "bbh/date_understanding",
                    "bbh/word_sorting").contains(t.id())).toList();
        } catch (TaskLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class Optiml extends PromptFormatContract {
        @Override
        protected PromptFormat format() {
            return new OptimlFormat();
        }
    }

    @Nested
    class Niv2 extends PromptFormatContract {
        @Override
        protected PromptFormat format() {
            return new Niv2Format();
        }
    }

    @Nested
    class BbhDirect extends PromptFormatContract {
        @Override
        protected PromptFormat format() {
            return new BbhDirectFormat();
        }

        @Override
        protected List<Task> tasks() {
            return bbhTasks();
        }
    }

    @Nested
    class BbhCot extends PromptFormatContract {
        @Override
        protected PromptFormat format() {
            return new BbhCotFormat();
        }

        @Override
        protected List<Task> tasks() {
            return bbhTasks();
        }
    }
}
