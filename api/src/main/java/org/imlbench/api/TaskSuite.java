package org.imlbench.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link TaskCategoryProvider} loaded from one {@link TaskSource}.
 *
 * @param tasks the tasks, each with its category
 * @param problems files that were skipped (only when {@link TaskSource#skipBadTasks()} is set)
 * @param defaultSplitSpec the text of the split spec the provider suggests for these tasks (JSON, the same format as
 *                         {@code --split FILE}), if it has one
 */
public record TaskSuite(List<Task> tasks, List<TaskProblem> problems, Optional<String> defaultSplitSpec) {
    /** Copies the lists. */
    public TaskSuite {
        tasks = List.copyOf(tasks);
        problems = List.copyOf(problems);
    }

    /** @return the distinct categories of the tasks, sorted */
    public Set<String> categories() {
        TreeSet<String> names = new TreeSet<>();
        tasks.forEach(t -> names.add(t.category()));
        return names;
    }
}
