package org.imlbench.api;

/**
 * Service interface: loads tasks, grouped into categories, from one kind of task source. The provider's
 * {@linkplain #name() name} is the {@code KIND} of {@code --tasks KIND[=PATH]}.
 *
 * <p>A new benchmark usually needs one small class implementing this interface (or, with no code at all, one CSV
 * file through the built-in {@code csv} provider).
 */
public interface TaskCategoryProvider extends Plugin {
    /**
     * Reads or generates the tasks of one source. Must be deterministic for a given source and seed.
     *
     * @param source what the user asked for
     * @return the tasks and any skipped files
     * @throws TaskLoadException when the source cannot be read; the message names the file and the problem
     */
    TaskSuite load(TaskSource source) throws TaskLoadException;
}
