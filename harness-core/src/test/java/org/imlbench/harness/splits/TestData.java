package org.imlbench.harness.splits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.store.InstanceStore;
import org.imlbench.harness.tasks.LoadProgress;
import org.imlbench.harness.tasks.LoadedTasks;
import org.imlbench.harness.tasks.TaskArgument;
import org.imlbench.harness.tasks.TaskLoader;
import org.imlbench.harness.tasks.TaskSources;

/** Loads task sources through the built-in providers, as the harness does; locates {@code ../shared/data}. */
public final class TestData {
    private static final PluginRegistry PLUGINS = PluginRegistry.discover(List.of(), true);

    private TestData() {
    }

    /** @return the registry of built-in plugins */
    public static PluginRegistry plugins() {
        return PLUGINS;
    }

    /**
     * @param seed the seed
     * @param args {@code --tasks} arguments
     * @return the loaded tasks; close them
     * @throws TaskLoadException when loading fails
     * @throws IOException when the instance store fails
     */
    public static LoadedTasks load(long seed, String... args) throws TaskLoadException, IOException {
        return TaskSources.resolve(PLUGINS, List.of(args), Path.of(""), seed, false, Map.of())
                .read(LoadProgress.NONE);
    }

    /**
     * Loads tasks built in memory, as if one source had given them.
     *
     * @param tasks the tasks
     * @param spec the spec the source suggests
     * @return the loaded tasks; close them
     * @throws TaskLoadException when a task is refused
     * @throws IOException when the instance store fails
     */
    public static LoadedTasks of(List<Task> tasks, SplitSpec spec) throws TaskLoadException, IOException {
        TaskLoader loader = new TaskLoader(InstanceStore.createTemporary(), LoadProgress.NONE);
        loader.begin(TaskArgument.parse("test"));
        for (Task task : tasks) {
            loader.accept(task);
        }
        return loader.finish(spec);
    }

    /**
     * @param loaded loaded tasks
     * @return every task with all its instances, read back from the store
     */
    public static List<Task> tasks(LoadedTasks loaded) {
        return loaded.tasks().stream().map(loaded::read).toList();
    }

    /**
     * @param splits splits
     * @return the tuned tasks, each holding its training instances
     */
    public static List<Task> train(Splits splits) {
        return splits.train().stream().map(splits::trainingTask).toList();
    }
}
