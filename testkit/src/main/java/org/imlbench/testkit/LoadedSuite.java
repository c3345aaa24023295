package org.imlbench.testkit;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskProblem;
import org.imlbench.api.TaskSink;
import org.imlbench.api.TaskSource;
import org.imlbench.api.TaskSourceInfo;

/**
 * Everything a {@link TaskCategoryProvider} read from one source, held in memory: what a test or a small tool wants,
 * never what the harness does with large sources.
 *
 * @param tasks the tasks in the order the provider gave them
 * @param problems the files it skipped
 * @param info what it said about the whole source
 */
public record LoadedSuite(List<Task> tasks, List<TaskProblem> problems, TaskSourceInfo info) {
    /** Copies the lists. */
    public LoadedSuite {
        tasks = List.copyOf(tasks);
        problems = List.copyOf(problems);
    }

    /**
     * Reads a whole source.
     *
     * @param provider the provider
     * @param source the source
     * @return all it gave
     * @throws TaskLoadException when the provider fails
     */
    public static LoadedSuite read(TaskCategoryProvider provider, TaskSource source) throws TaskLoadException {
        List<Task> tasks = new ArrayList<>();
        List<TaskProblem> problems = new ArrayList<>();
        TaskSourceInfo info = provider.read(source, new TaskSink() {
            @Override
            public void accept(Task task) {
                tasks.add(task);
            }

            @Override
            public void skipped(TaskProblem problem) {
                problems.add(problem);
            }
        });
        return new LoadedSuite(tasks, problems, info);
    }

    /**
     * @param id a task id
     * @return that task
     * @throws IllegalArgumentException when there is no such task
     */
    public Task task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task " + id));
    }
}
