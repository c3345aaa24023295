package org.imlbench.harness.tasks;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
 * input) in memory, so that a task is garbage as soon as it is stored.
 *
 * <p>Encoding and hashing a task's instances (most of the work) run on two worker threads while the provider reads the
 * next tasks; the results are stored in the order the tasks arrived, at most {@value #AHEAD} tasks behind, so memory
 * stays a few tasks and the store's order is the load order.
 */
public final class TaskLoader implements TaskSink {
    private static final int WORKERS = 2;
    private static final int AHEAD = 2;

    /** What a worker makes of one task. */
    private record Prepared(InstanceStore.Encoded encoded, long[] inputHashes, long[] idHashes, int options,
                            BitSet optionMask, InputGroups groups) {
    }

    /** A task accepted and being prepared. */
    private record Pending(Task task, int argument, Optional<SourceSplitRole> role, Future<Prepared> prepared) {
    }

    private final InstanceStore store;
    private final LoadProgress progress;
    private final List<TaskArgument> sources = new ArrayList<>();
    private final List<Set<String>> benchmarksOfSource = new ArrayList<>();
    private final Map<String, Integer> sourceOfTask = new HashMap<>();
    private final List<LoadedTask> tasks = new ArrayList<>();
    private final List<long[]> inputHashes = new ArrayList<>();
    private final List<TaskProblem> problems = new ArrayList<>();
    private final KnownInstanceIds known = new KnownInstanceIds();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private ExecutorService workers;

    /**
     * @param store where instances go
     * @param progress told of every task as it is stored
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
        benchmarksOfSource.get(argument).add(task.source());
        if (workers == null) {
            workers = Workers.daemons(WORKERS, "imlbench-task-store");
        }
        pending.add(new Pending(task, argument, role, workers.submit(() -> prepare(task.instances()))));
        while (pending.size() > AHEAD) {
            commit(pending.removeFirst());
        }
    }

    private static Prepared prepare(List<Instance> instances) {
        int n = instances.size();
        InstanceStore.Encoded encoded = InstanceStore.encode(instances);
        byte[] bytes = encoded.bytes();
        long[] inputs = new long[n];
        long[] ids = new long[n];
        int options = 0;
        for (int i = 0; i < n; i++) {
            Instance instance = instances.get(i);
            // the id and (mostly already normalized) input are hashed where the encoding put them
            ids[i] = TextHash.ofEncoded(bytes, encoded.start(i), encoded.idEnds()[i]);
            inputs[i] = TextHash.isNormalized(instance.input())
                    ? TextHash.ofEncoded(bytes, encoded.idEnds()[i], encoded.inputEnds()[i])
                    : TextHash.ofNormalized(instance.input());
            options += instance.hasOptions() ? 1 : 0;
        }
        BitSet mask = null;
        if (options > 0 && options < n) {
            mask = new BitSet(n);
            for (int i = 0; i < n; i++) {
                mask.set(i, instances.get(i).hasOptions());
            }
        }
        Arrays.sort(ids);
        return new Prepared(encoded, inputs, ids, options, mask, InputGroups.of(instances, inputs));
    }

    private void commit(Pending next) throws TaskLoadException {
        Task task = next.task();
        Prepared prepared = Workers.await(next.prepared(), "storing the instances of " + task.id());
        long first;
        try {
            first = store.append(prepared.encoded());
        } catch (IOException e) {
            throw new TaskLoadException(store.dir().toString(), "cannot store the instances of " + task.id() + ": "
                    + e.getMessage(), e);
        }
        int n = task.instances().size();
        known.add(task.id(), prepared.idHashes());
        tasks.add(new LoadedTask(tasks.size(), next.argument(), task.id(), task.category(), task.source(),
                task.instruction(), task.demonstrations(), task.attributes(), next.role(), n, first,
                prepared.options(), prepared.optionMask(), prepared.groups()));
        inputHashes.add(prepared.inputHashes());
        progress.task(n);
    }

    @Override
    public void skipped(TaskProblem problem) {
        problems.add(problem);
    }

    /** @return how many tasks were accepted */
    public int taskCount() {
        return sourceOfTask.size();
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
     * Ends loading: stores the tasks still being prepared.
     *
     * @param defaultSplitSpec the merged spec of the sources
     * @return the loaded tasks, owning the store
     * @throws TaskLoadException when a task cannot be stored
     * @throws IOException when the store cannot be finished
     */
    public LoadedTasks finish(SplitSpec defaultSplitSpec) throws TaskLoadException, IOException {
        try {
            while (!pending.isEmpty()) {
                commit(pending.removeFirst());
            }
        } finally {
            abandon();
        }
        store.seal();
        return new LoadedTasks(sources, tasks, problems, defaultSplitSpec, store, known,
                inputHashes.toArray(new long[0][]));
    }

    /** Stops the worker threads (loading failed, or is over); the store is the caller's to close. */
    public void abandon() {
        pending.clear();
        if (workers != null) {
            workers.shutdownNow();
            workers = null;
        }
    }
}
