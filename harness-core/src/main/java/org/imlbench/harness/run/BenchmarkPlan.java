package org.imlbench.harness.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.UsageException;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.splits.LeakageGuard;
import org.imlbench.harness.splits.LeakageReport;
import org.imlbench.harness.splits.PromptRenderer;
import org.imlbench.harness.splits.SplitBuilder;
import org.imlbench.harness.splits.SplitSpec;
import org.imlbench.harness.splits.SplitSpecException;
import org.imlbench.harness.splits.Splits;
import org.imlbench.harness.store.TrainingExampleStore;
import org.imlbench.harness.tasks.LoadProgress;
import org.imlbench.harness.tasks.LoadedTask;
import org.imlbench.harness.tasks.LoadedTasks;
import org.imlbench.harness.tasks.TaskSources;

/**
 * The one path from {@code --tasks} to what a command works on, shared by {@code tasks}, {@code tune}, {@code run}
 * and {@code eval}: check the request ({@link #prepare}: nothing is read or written before every option, plugin name,
 * task source and split spec is known to be valid), load the task sources into an instance store ({@link #load}), cut
 * the splits ({@link #cut}), measure train/evaluation leakage ({@link #leakage}), and render prompts and training
 * examples. Close the plan to delete its instance store.
 */
public final class BenchmarkPlan implements AutoCloseable {
    /**
     * What the plan is asked for.
     *
     * @param tasks the {@code --tasks KIND[=PATH]} arguments (empty: synthetic)
     * @param taskOptions {@code --task-option} settings
     * @param splitFile the {@code --split} file, or null for the sources' own specs
     * @param seed the seed for splits and demonstrations
     * @param skipBadTasks whether unreadable task files are skipped
     * @param evaluationOnly true for {@code eval}: no tuning, every task evaluated as fully held out
     * @param format the prompt format
     * @param shots demonstrations per evaluation prompt
     */
    public record Request(List<String> tasks, Map<String, String> taskOptions, String splitFile, long seed,
                          boolean skipBadTasks, boolean evaluationOnly, String format, int shots) {
        /** Copies the collections. */
        public Request {
            tasks = List.copyOf(tasks == null ? List.of() : tasks);
            taskOptions = Map.copyOf(taskOptions == null ? Map.of() : taskOptions);
        }
    }

    private final Request request;
    private final TaskSources sources;
    private final PromptFormat format;
    private final Optional<SplitSpec> splitFile;
    private final List<String> timings = new ArrayList<>();
    private LoadedTasks loaded;
    private SplitSpec spec;
    private Splits splits;
    private PromptRenderer renderer;

    private BenchmarkPlan(Request request, TaskSources sources, PromptFormat format, Optional<SplitSpec> splitFile) {
        this.request = request;
        this.sources = sources;
        this.format = format;
        this.splitFile = splitFile;
    }

    /**
     * Checks a request without reading any task source.
     *
     * @param plugins the discovered plugins
     * @param workDir the directory relative task and split paths are resolved against
     * @param request what to plan
     * @return the plan, ready to {@link #load}
     * @throws UsageException when an option, plugin name, task source or the split spec is invalid
     */
    public static BenchmarkPlan prepare(PluginRegistry plugins, Path workDir, Request request) {
        UsageException.requireAtLeast("--shots", request.shots(), 0);
        TaskSources sources = TaskSources.resolve(plugins, request.tasks(), workDir, request.seed(),
                request.skipBadTasks(), request.taskOptions());
        PromptFormat format = plugins.get(PromptFormat.class, request.format());
        Optional<SplitSpec> splitFile = Optional.empty();
        if (request.splitFile() != null) {
            try {
                splitFile = Optional.of(SplitSpec.read(workDir.resolve(request.splitFile())));
            } catch (SplitSpecException e) {
                throw new UsageException("--split " + request.splitFile() + ": " + e.getMessage());
            }
        }
        return new BenchmarkPlan(request, sources, format, splitFile);
    }

    /**
     * Reads every task source into the plan's instance store, drawing a progress bar (tasks and instances read, and
     * the rate) while it does.
     *
     * @param progress where the bar is drawn
     * @return this plan
     * @throws TaskLoadException when a source cannot be read
     * @throws IOException when the instance store cannot be written
     */
    public BenchmarkPlan load(ConsoleProgress progress) throws TaskLoadException, IOException {
        if (loaded != null) {
            throw new IllegalStateException("already loaded");
        }
        Stopwatch stopwatch = new Stopwatch();
        long started = System.nanoTime();
        long[] instances = {0};
        try (ConsoleProgress.Bar bar = progress.start("loading tasks", -1, "task")) {
            LoadProgress listener = n -> {
                instances[0] += n;
                bar.stepBy(1);
                double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
                bar.message(String.format("%,d instances, %,.0f inst/s", instances[0], instances[0] / seconds));
            };
            loaded = sources.read(listener);
        }
        timings.add(stopwatch.lap(String.format("loaded %,d tasks, %,d instances (%,d MB stored)",
                loaded.tasks().size(),
                loaded.instanceCount(), loaded.storedBytes() >> 20)));
        SplitSpec chosen = splitFile.orElse(loaded.defaultSplitSpec());
        if (request.evaluationOnly()) {
            chosen = chosen.forEvaluationOnly(loaded.tasks().stream().map(LoadedTask::category).distinct().toList());
        }
        spec = chosen;
        return this;
    }

    /**
     * Cuts the splits of the loaded tasks.
     *
     * @return this plan
     */
    public BenchmarkPlan cut() {
        Stopwatch stopwatch = new Stopwatch();
        splits = SplitBuilder.build(loaded(), spec, request.seed());
        renderer = new PromptRenderer(splits);
        timings.add(stopwatch.lap(String.format("cut the splits: %,d training, %,d evaluation instances",
                splits.trainingInstances(), splits.evaluationInstances())));
        return this;
    }

    /**
     * Measures how much each evaluation split overlaps the training set.
     *
     * @return the report
     */
    public LeakageReport leakage() {
        Stopwatch stopwatch = new Stopwatch();
        LeakageReport report = LeakageGuard.check(splits());
        timings.add(stopwatch.lap("checked leakage"));
        return report;
    }

    /** @return one line per step done so far: what it did, its wall time and the process's CPU time */
    public List<String> timings() {
        return List.copyOf(timings);
    }

    /** Measures one step in wall time and in CPU time of the whole process (all threads, the JVM's own included). */
    private static final class Stopwatch {
        private final long wall = System.nanoTime();
        private final Duration cpu = cpu();

        String lap(String what) {
            return String.format("%s: %.1f s wall, %.1f s CPU", what, (System.nanoTime() - wall) / 1e9,
                    (cpu().toMillis() - cpu.toMillis()) / 1e3);
        }

        private static Duration cpu() {
            return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        }
    }

    /** @return the request */
    public Request request() {
        return request;
    }

    /** @return the prompt format */
    public PromptFormat format() {
        return format;
    }

    /** @return the loaded tasks */
    public LoadedTasks loaded() {
        if (loaded == null) {
            throw new IllegalStateException("not loaded yet");
        }
        return loaded;
    }

    /** @return the split spec in use: the {@code --split} file, else the sources' own (evaluation-only for eval) */
    public SplitSpec spec() {
        loaded();
        return spec;
    }

    /** @return the splits */
    public Splits splits() {
        if (splits == null) {
            throw new IllegalStateException("not cut yet");
        }
        return splits;
    }

    /** @return renders evaluation prompts with the plan's format, shots and seed */
    public PromptSource prompts() {
        splits();
        return (task, instance) -> renderer.render(format, task, instance, request.shots(), request.seed());
    }

    /** @return how many training examples the training split renders to */
    public long trainingExampleCount() {
        return splits().trainingInstances();
    }

    /**
     * The training split rendered zero-shot into a store in {@code dir}.
     *
     * @param dir the store's folder
     * @param reuse whether a complete store already there is used as it is (an interrupted run being resumed, whose
     *              configuration is known to be the same); otherwise it is rendered again
     * @return the store
     * @throws IOException when it cannot be written
     */
    public TrainingExampleStore trainingExamples(Path dir, boolean reuse) throws IOException {
        splits();
        if (reuse) {
            Optional<TrainingExampleStore> done = TrainingExampleStore.openIfComplete(dir);
            if (done.isPresent()) {
                return done.get();
            }
        }
        return renderer.trainingExamples(format, dir);
    }

    /** Deletes the instance store. */
    @Override
    public void close() {
        if (loaded != null) {
            loaded.close();
        }
    }
}
