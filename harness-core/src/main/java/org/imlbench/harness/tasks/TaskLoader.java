package org.imlbench.harness.tasks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imlbench.api.Instance;
import org.imlbench.api.SourceSplitRole;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskProblem;
import org.imlbench.api.TaskSink;
import org.imlbench.harness.splits.SplitSpec;
import org.imlbench.harness.store.InstanceStore;

/**
 * The harness's {@link TaskSink}: takes each task as its provider hands it over, appends its instances to the
 * instance store and keeps only a {@link LoadedTask} (and 16 bytes per instance: hashes of its id and normalized
 * input) in memory, so that a task is garbage as soon as the provider lets go of it.
 */
public final class TaskLoader implements TaskSink {
    private final InstanceStore store;
    private final LoadProgress progress;
    private final List<TaskArgument> sources = new ArrayList<>();
    private final List<Set<String>> benchmarksOfSource = new ArrayList<>();
    private final Map<String, Integer> sourceOfTask = new HashMap<>();
    private final List<LoadedTask> tasks = new ArrayList<>();
    private final List<long[]> inputHashes = new ArrayList<>();
    private final List<TaskProblem> problems = new ArrayList<>();
    private final KnownInstanceIds known = new KnownInstanceIds();

    /**
     * @param store where instances go
     * @param progress told of every task
     */
    public TaskLoader(InstanceStore store, LoadProgress progress) {
        this.store = store;
        this.progress = progress;
    }

    /**
     * Starts the next source: the tasks accepted from now on come from it.
     *
     * @param argument the source's {@code --tasks} argument
     */
    public void begin(TaskArgument argument) {
        sources.add(argument);
        benchmarksOfSource.add(new LinkedHashSet<>());
    }

    @Override
    public void accept(Task task) throws TaskLoadException {
        int argument = sources.size() - 1;
        if (argument < 0) {
            throw new IllegalStateException("no source begun");
        }
        TaskArgument from = sources.get(argument);
        Integer previous = sourceOfTask.putIfAbsent(task.id(), argument);
        if (previous != null) {
            throw new TaskLoadException(from.toString(), "task id " + task.id() + " is also given by --tasks "
                    + sources.get(previous) + "; each task may be loaded once");
        }
        Optional<SourceSplitRole> role;
        try {
            role = SourceSplitRole.of(task);
        } catch (IllegalArgumentException e) {
            throw new TaskLoadException(from.toString(), e.getMessage(), e);
        }
        List<Instance> instances = task.instances();
        int n = instances.size();
        long first = store.count();
        long[] inputs = new long[n];
        long[] ids = new long[n];
        int options = 0;
        try {
            for (int i = 0; i < n; i++) {
                Instance instance = instances.get(i);
                store.append(instance);
                inputs[i] = TextHash.ofNormalized(instance.input());
                ids[i] = TextHash.of(instance.id());
                options += instance.hasOptions() ? 1 : 0;
            }
        } catch (IOException e) {
            throw new TaskLoadException(store.dir().toString(), "cannot store the instances of " + task.id() + ": "
                    + e.getMessage(), e);
        }
        BitSet mask = null;
        if (options > 0 && options < n) {
            mask = new BitSet(n);
            for (int i = 0; i < n; i++) {
                mask.set(i, instances.get(i).hasOptions());
            }
        }
        known.add(task.id(), ids);
        benchmarksOfSource.get(argument).add(task.source());
        tasks.add(new LoadedTask(tasks.size(), argument, task.id(), task.category(), task.source(),
                task.instruction(), task.demonstrations(), task.attributes(), role, n, first, options, mask,
                InputGroups.of(instances, inputs)));
        inputHashes.add(inputs);
        progress.task(n);
    }

    @Override
    public void skipped(TaskProblem problem) {
        problems.add(problem);
    }

    /** @return how many tasks were accepted */
    public int taskCount() {
        return tasks.size();
    }

    /**
     * @param argument a source's position
     * @return the benchmarks ({@link Task#source()}) of the tasks it gave
     */
    public Set<String> benchmarksOf(int argument) {
        return benchmarksOfSource.get(argument);
    }

    /** @return the skipped files so far */
    public List<TaskProblem> problems() {
        return problems;
    }

    /**
     * Ends loading.
     *
     * @param defaultSplitSpec the merged spec of the sources
     * @return the loaded tasks, owning the store
     * @throws IOException when the store cannot be finished
     */
    public LoadedTasks finish(SplitSpec defaultSplitSpec) throws IOException {
        store.seal();
        return new LoadedTasks(sources, tasks, problems, defaultSplitSpec, store, known,
                inputHashes.toArray(new long[0][]));
    }
}
