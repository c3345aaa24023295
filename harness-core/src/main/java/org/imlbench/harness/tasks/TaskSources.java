package org.imlbench.harness.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Options;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSourceInfo;
import org.imlbench.api.UsageException;
import org.imlbench.harness.plugins.DeclaredOptions;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.splits.SplitSpec;
import org.imlbench.harness.splits.SplitSpecException;
import org.imlbench.harness.store.InstanceStore;

/**
 * The {@code --tasks} sources of a command, checked before anything is read (every argument well formed, every kind a
 * task-category plugin, every {@code --task-option} key declared by one), then read one after the other into one
 * {@link LoadedTasks}.
 */
public final class TaskSources {
    private final List<TaskArgument> arguments;
    private final List<TaskCategoryProvider> providers;
    private final Path workDir;
    private final long seed;
    private final boolean skipBadTasks;
    private final Options options;

    private TaskSources(List<TaskArgument> arguments, List<TaskCategoryProvider> providers, Path workDir, long seed,
                        boolean skipBadTasks, Options options) {
        this.arguments = List.copyOf(arguments);
        this.providers = List.copyOf(providers);
        this.workDir = workDir;
        this.seed = seed;
        this.skipBadTasks = skipBadTasks;
        this.options = options;
    }

    /**
     * Checks the arguments.
     *
     * @param plugins the registry holding the providers
     * @param taskArgs the {@code --tasks KIND[=PATH]} arguments; empty means {@code synthetic}
     * @param workDir the directory relative paths are resolved against
     * @param seed the run's seed
     * @param skipBadTasks whether unreadable files are skipped and reported instead of fatal
     * @param options provider options ({@code --task-option key=value}), given to every source
     * @return the sources
     * @throws UsageException when an argument is malformed, names no provider, or an option key is unknown
     */
    public static TaskSources resolve(PluginRegistry plugins, List<String> taskArgs, Path workDir, long seed,
                                      boolean skipBadTasks, Map<String, String> options) {
        List<String> args = taskArgs == null || taskArgs.isEmpty() ? List.of("synthetic") : taskArgs;
        List<TaskArgument> arguments = args.stream().map(TaskArgument::parse).toList();
        List<TaskCategoryProvider> providers = arguments.stream()
                .map(a -> plugins.get(TaskCategoryProvider.class, a.kind())).toList();
        Options checked = DeclaredOptions.forTaskSources(options, providers);
        return new TaskSources(arguments, providers, workDir, seed, skipBadTasks, checked);
    }

    /** @return the arguments, in order */
    public List<TaskArgument> arguments() {
        return arguments;
    }

    /**
     * Reads every source, in order, into a new temporary instance store.
     *
     * @param progress told of every task
     * @return the loaded tasks; close them to delete the store
     * @throws TaskLoadException when a source cannot be read, two sources give the same task id, or none gives any
     * @throws IOException when the instance store cannot be written
     */
    public LoadedTasks read(LoadProgress progress) throws TaskLoadException, IOException {
        InstanceStore store = InstanceStore.createTemporary();
        TaskLoader loader = new TaskLoader(store, progress);
        try {
            List<SplitSpec> specs = new ArrayList<>();
            List<Integer> specSources = new ArrayList<>();
            for (int i = 0; i < arguments.size(); i++) {
                TaskArgument argument = arguments.get(i);
                loader.begin(argument);
                TaskSourceInfo info = providers.get(i).read(argument.toSource(workDir, seed, skipBadTasks, options),
                        loader);
                if (info.defaultSplitSpec().isPresent()) {
                    try {
                        specs.add(SplitSpec.parse(info.defaultSplitSpec().get(), "split spec of --tasks " + argument));
                        specSources.add(i);
                    } catch (SplitSpecException e) {
                        throw new TaskLoadException(argument.toString(), "its default split spec is invalid: "
                                + e.getMessage(), e);
                    }
                }
            }
            if (loader.taskCount() == 0) {
                throw new TaskLoadException(String.join(" ", arguments.stream().map(Object::toString).toList()),
                        "no task could be loaded"
                                + (loader.problems().isEmpty() ? "" : ": " + loader.problems().get(0)));
            }
            if (specs.size() > 1) {
                // each source keeps its own evaluation cap in a merged spec (one may evaluate 100 a task, another all)
                for (int i = 0; i < specs.size(); i++) {
                    specs.set(i, specs.get(i).pinEvalCap(loader.benchmarksOf(specSources.get(i))));
                }
            }
            return loader.finish(specs.isEmpty() ? SplitSpec.defaults() : SplitSpec.merge(specs));
        } catch (TaskLoadException | IOException | RuntimeException | Error e) {
            loader.abandon();
            store.close();
            throw e;
        }
    }
}
