package org.imlbench.api;

import java.util.List;
import java.util.Optional;

/**
 * Service interface: reads tasks, grouped into categories, from one kind of task source. The provider's
 * {@linkplain #name() name} is the {@code KIND} of {@code --tasks KIND[=PATH]}.
 *
 * <p>A new benchmark usually needs one small class implementing this interface (or, with no code at all, one CSV
 * file through the built-in {@code csv} provider, or lm-evaluation-harness YAML through {@code lm-eval}).
 */
public interface TaskCategoryProvider extends Plugin {
    /**
     * Reads or generates the tasks of one source and hands each to {@code sink} as soon as it is complete, keeping
     * none (see {@link TaskSink}). Must be deterministic for a given source and seed: the same tasks with the same
     * instances in the same order.
     *
     * @param source what the user asked for
     * @param sink receives every task and every skipped file
     * @return what the provider suggests for the whole source
     * @throws TaskLoadException when the source cannot be read; the message names the file and the problem
     * @throws UsageException when the source's options are invalid
     */
    TaskSourceInfo read(TaskSource source, TaskSink sink) throws TaskLoadException;

    /**
     * The prompt format that renders this provider's tasks as the tool they come from does; the harness uses it when
     * the user gives no {@code --format} and every task source of the run names the same one (since API level 4).
     *
     * @return the name of a prompt format, or empty for the harness's default ({@code optiml})
     */
    default Optional<String> defaultFormat() {
        return Optional.empty();
    }

    /**
     * The public data sets this task source reads that {@code harness data get} can download (since API level 4):
     * the harness knows no data set by name, each comes from the provider that reads it.
     *
     * @return the data sets; none by default
     */
    default List<DownloadableDataSet> dataSets() {
        return List.of();
    }
}
