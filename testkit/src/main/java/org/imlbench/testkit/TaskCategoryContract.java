package org.imlbench.testkit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link TaskCategoryProvider}. Extend it in your plugin's tests, say which provider and which
 * source to read, and every promise the harness relies on is checked:
 *
 * <pre>{@code
 * class ArithmeticTasksContractTest extends TaskCategoryContract {
 *     protected TaskCategoryProvider provider() { return new ArithmeticTasks(); }
 *     protected TaskSource source(long seed) {
 *         return new TaskSource("arithmetic", Optional.empty(), seed, false, Options.empty());
 *     }
 * }
 * }</pre>
 */
public abstract class TaskCategoryContract {
    /** @return a new instance of the provider under test */
    protected abstract TaskCategoryProvider provider();

    /**
     * @param seed the run's seed
     * @return a source the provider reads successfully
     */
    protected abstract TaskSource source(long seed);

    /** Name, API level, description and option keys. */
    @Test
    void isAWellFormedPlugin() {
        Contract.checkPlugin(provider());
    }

    /** Something to evaluate. */
    @Test
    void readsAtLeastOneTask() throws TaskLoadException {
        TaskCategoryProvider provider = provider();
        if (LoadedSuite.read(provider, source(1)).tasks().isEmpty()) {
            throw Contract.broken("a source gives at least one task", provider, "no task was handed to the sink");
        }
    }

    /** Splits, resume and replay match tasks and instances across runs, so a source must read the same twice. */
    @Test
    void theSameSeedGivesTheSameTasks() throws TaskLoadException {
        TaskCategoryProvider provider = provider();
        for (long seed : new long[] {1, 2}) {
            LoadedSuite first = LoadedSuite.read(provider, source(seed));
            LoadedSuite again = LoadedSuite.read(provider(), source(seed));
            if (!first.tasks().equals(again.tasks())) {
                throw Contract.broken("the same source and seed give the same tasks", provider,
                        "two reads with seed " + seed + " differ" + firstDifference(first.tasks(), again.tasks()));
            }
            if (!first.problems().equals(again.problems())) {
                throw Contract.broken("the same source and seed give the same tasks", provider,
                        "two reads with seed " + seed + " skip different files");
            }
        }
    }

    /** Task ids key reports, split specs and replay files; instance ids key resume and replay. */
    @Test
    void idsAreUniqueAndAnswersAreAmongTheOptions() throws TaskLoadException {
        TaskCategoryProvider provider = provider();
        Set<String> taskIds = new HashSet<>();
        for (Task task : LoadedSuite.read(provider, source(1)).tasks()) {
            if (!taskIds.add(task.id())) {
                throw Contract.broken("task ids are unique within a source", provider, task.id() + " twice");
            }
            Set<String> instanceIds = new HashSet<>();
            for (Instance instance : task.instances()) {
                if (!instanceIds.add(instance.id())) {
                    throw Contract.broken("instance ids are unique within a task", provider,
                            task.id() + " has " + instance.id() + " twice");
                }
                if (instance.hasOptions() && instance.correctOptionIndices().isEmpty()) {
                    throw Contract.broken("an option instance has its answer among its options", provider,
                            task.id() + "/" + instance.id());
                }
            }
        }
    }

    private static String firstDifference(List<Task> a, List<Task> b) {
        if (a.size() != b.size()) {
            return ": " + a.size() + " vs " + b.size() + " tasks";
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return " at task " + a.get(i).id();
            }
        }
        return "";
    }
}
