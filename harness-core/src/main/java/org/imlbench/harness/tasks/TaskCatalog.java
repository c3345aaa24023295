package org.imlbench.harness.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.KnownInstances;
import org.imlbench.api.Options;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskProblem;
import org.imlbench.api.TaskSink;
import org.imlbench.api.TaskSourceInfo;
import org.imlbench.harness.plugins.DeclaredOptions;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.splits.SplitSpec;
import org.imlbench.harness.splits.SplitSpecException;

/**
 * The tasks of every {@code --tasks} source of a run, loaded through the task-category providers and combined.
 *
 * @param sources the arguments, in order
 * @param tasks every task, source by source in load order; ids unique across sources
 * @param problems files skipped by {@code --skip-bad-tasks}, with their sources' problems in order
 * @param defaultSplitSpec the specs suggested by the sources, merged ({@link SplitSpec#merge}); {@link
 *                         SplitSpec#defaults()} when no source suggests one
 * @param sourceOfTask the argument each task id came from
 */
public record TaskCatalog(List<TaskArgument> sources, List<Task> tasks, List<TaskProblem> problems,
                          SplitSpec defaultSplitSpec, Map<String, TaskArgument> sourceOfTask) {
    /** Copies the collections. */
    public TaskCatalog {
        sources = List.copyOf(sources);
        tasks = List.copyOf(tasks);
        problems = List.copyOf(problems);
        sourceOfTask = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sourceOfTask));
    }

    /**
     * Loads tasks with relative paths resolved against the current directory and no provider options.
     *
     * @param plugins the registry holding the providers
     * @param taskArgs the {@code --tasks} arguments; empty means {@code synthetic}
     * @param seed the run's seed
     * @param skipBadTasks whether unreadable files are skipped and reported instead of fatal
     * @return the catalog
     * @throws TaskLoadException when a source cannot be read, or two sources give the same task id
     */
    public static TaskCatalog load(PluginRegistry plugins, List<String> taskArgs, long seed, boolean skipBadTasks)
            throws TaskLoadException {
        return load(plugins, taskArgs, Path.of(""), seed, skipBadTasks, Options.empty());
    }

    /**
     * Loads tasks.
     *
     * @param plugins the registry holding the providers
     * @param taskArgs the {@code --tasks KIND[=PATH]} arguments; empty means {@code synthetic}
     * @param workDir the directory relative paths are resolved against
     * @param seed the run's seed
     * @param skipBadTasks whether unreadable files are skipped and reported instead of fatal
     * @param options provider options ({@code --task-option key=value}), given to every source
     * @return the catalog
     * @throws TaskLoadException when a source cannot be read, or two sources give the same task id
     * @throws IllegalArgumentException when an argument is malformed or names no provider
     */
    public static TaskCatalog load(PluginRegistry plugins, List<String> taskArgs, Path workDir, long seed,
                                   boolean skipBadTasks, Options options) throws TaskLoadException {
        List<String> args = taskArgs == null || taskArgs.isEmpty() ? List.of("synthetic") : taskArgs;
        List<TaskArgument> sources = args.stream().map(TaskArgument::parse).toList();
        List<TaskCategoryProvider> providers = sources.stream()
                .map(a -> plugins.get(TaskCategoryProvider.class, a.kind())).toList();
        DeclaredOptions.forTaskSources(options.values(), providers);
        List<Task> tasks = new ArrayList<>();
        List<TaskProblem> problems = new ArrayList<>();
        List<SplitSpec> specs = new ArrayList<>();
        List<List<String>> specSources = new ArrayList<>();
        Map<String, TaskArgument> sourceOfTask = new HashMap<>();
        for (TaskArgument argument : sources) {
            TaskCategoryProvider provider = plugins.get(TaskCategoryProvider.class, argument.kind());
            List<Task> fromSource = new ArrayList<>();
            TaskSourceInfo info = provider.read(argument.toSource(workDir, seed, skipBadTasks, options),
                    new TaskSink() {
                        @Override
                        public void accept(Task task) throws TaskLoadException {
                            TaskArgument previous = sourceOfTask.putIfAbsent(task.id(), argument);
                            if (previous != null) {
                                throw new TaskLoadException(argument.toString(), "task id " + task.id()
                                        + " is also given by --tasks " + previous + "; each task may be loaded once");
                            }
                            fromSource.add(task);
                        }

                        @Override
                        public void skipped(TaskProblem problem) {
                            problems.add(problem);
                        }
                    });
            tasks.addAll(fromSource);
            if (info.defaultSplitSpec().isPresent()) {
                try {
                    specs.add(SplitSpec.parse(info.defaultSplitSpec().get(), "split spec of --tasks " + argument));
                    specSources.add(fromSource.stream().map(Task::source).distinct().toList());
                } catch (SplitSpecException e) {
                    throw new TaskLoadException(argument.toString(), "its default split spec is invalid: "
                            + e.getMessage(), e);
                }
            }
        }
        if (tasks.isEmpty()) {
            throw new TaskLoadException(String.join(" ", args), "no task could be loaded"
                    + (problems.isEmpty() ? "" : ": " + problems.get(0)));
        }
        SplitSpec spec = specs.isEmpty() ? SplitSpec.defaults() : specs.size() == 1 ? specs.get(0)
                : SplitSpec.merge(pinned(specs, specSources));
        Map<String, TaskArgument> ordered = new LinkedHashMap<>();
        tasks.forEach(t -> ordered.put(t.id(), sourceOfTask.get(t.id())));
        return new TaskCatalog(sources, tasks, problems, spec, ordered);
    }

    /** Each source keeps its own evaluation cap in a merged spec (NIv2: the first 100 instances, BBH: all). */
    private static List<SplitSpec> pinned(List<SplitSpec> specs, List<List<String>> sources) {
        List<SplitSpec> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.add(specs.get(i).pinEvalCap(sources.get(i)));
        }
        return out;
    }

    /** @return every instance id of every task (for {@code LanguageModel.expect}) */
    public KnownInstances instanceIds() {
        Map<String, java.util.Set<String>> out = new LinkedHashMap<>();
        for (Task task : tasks) {
            java.util.Set<String> ids = new java.util.LinkedHashSet<>();
            task.instances().forEach(i -> ids.add(i.id()));
            out.put(task.id(), ids);
        }
        return KnownInstances.of(out);
    }
}
