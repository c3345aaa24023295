package org.imlbench.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.Metric;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TuningProgress;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.api.UsageException;
import org.imlbench.files.AtomicFiles;
import org.imlbench.files.IoErrors;
import org.imlbench.harness.plugins.DeclaredOptions;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.splits.LeakageException;
import org.imlbench.harness.store.TrainingExampleStore;
import org.imlbench.rundir.Role;
import org.imlbench.rundir.RunDirectory;

/**
 * The main job: build the benchmark, evaluate the base model on every split, tune it, evaluate the tuned model,
 * write the run directory and its reports. {@code harness eval} is the same path with one model and no tuning.
 *
 * <p>Every phase leaves durable markers in the run directory, so {@code --resume RUN_DIR} redoes only what an
 * interrupted run had not finished and ends with the same results.
 */
public final class RunPipeline {
    private final PluginRegistry plugins;
    private final BenchmarkFactory benchmarks;
    private final RunReports reports;
    private final ConsoleProgress progress;
    private final PrintStream out;
    private final ObjectMapper json;

    /**
     * @param plugins the discovered plugins
     * @param benchmarks builds the splits
     * @param reports writes summaries and reports
     * @param progress draws progress bars
     * @param out where phase headlines go
     * @param json the mapper for every file of the run
     */
    public RunPipeline(PluginRegistry plugins, BenchmarkFactory benchmarks, RunReports reports,
                       ConsoleProgress progress, PrintStream out, ObjectMapper json) {
        this.plugins = plugins;
        this.benchmarks = benchmarks;
        this.reports = reports;
        this.progress = progress;
        this.out = out;
        this.json = json;
    }

    /**
     * Runs (or resumes) a run. Every option is checked and the tasks are loaded and split before anything is written:
     * a run that cannot start leaves no run directory behind.
     *
     * @param config the resolved configuration
     * @param runDir the run directory; when it already holds a run of the same configuration, finished work is kept
     * @return the run directory
     * @throws IOException when a phase fails
     * @throws TaskLoadException when a task source cannot be read
     * @throws UsageException when an option is invalid
     * @throws LeakageException when an evaluation input equals a training input and overlap is not allowed
     */
    public Path run(RunConfig config, Path runDir) throws IOException, TaskLoadException, LeakageException {
        RunDirectory dir = new RunDirectory(runDir, json);
        Optional<RunManifest> previous = previousManifest(config, dir);
        ModelBackend backend = plugins.get(ModelBackend.class, config.backend());
        ModelBackend tuneBackend = plugins.get(ModelBackend.class, config.tuneBackend());
        if (config.tunes() && !tuneBackend.canTune()) {
            throw new UsageException("backend '" + config.tuneBackend() + "' cannot tune; give --tune-backend NAME "
                    + "of one that does, or --tuned MODEL to compare two existing models");
        }
        UsageException.requireAtLeast("--max-new-tokens", config.maxNewTokens(), 1);
        List<Metric> metrics = selectMetrics(config);
        // one set of --backend-option goes to the evaluating and the tuning backend: a key is known to either
        Options options = DeclaredOptions.forBackends(config.backendOptions(),
                config.tunes() ? List.of(backend, tuneBackend) : List.of(backend));
        ModelRequest first = new ModelRequest(config.model(), config.device(), options); // checks --device
        try (Benchmark benchmark = benchmarks.build(config)) {
            RunManifest manifest = previous.isPresent() ? previous.get() : startManifest(config, dir);
            out.printf("%d evaluation instances in %s; %d training examples%n", benchmark.evaluationInstances(),
                    benchmark.evaluation().keySet(), benchmark.training().size());
            ModelPhase phase = new ModelPhase(dir, new TaskEvaluator(metrics, config.format(),
                    config.maxNewTokens()), progress, ShardPlan.of(benchmark, Optional.ofNullable(config.shard())));
            List<Role> roles = config.command().roles();
            manifest = evaluate(backend, first, roles.get(0), benchmark, phase, dir, manifest);
            if (roles.contains(Role.TUNED)) {
                String tunedModel = config.tunes() ? tune(tuneBackend, options, config, benchmark, dir).toString()
                        : config.tuned();
                evaluate(backend, first.withModel(tunedModel), Role.TUNED, benchmark, phase, dir, manifest);
            }
        }
        reports.write(dir.root(), out);
        return dir.root();
    }

    /** The manifest of the interrupted run being resumed in {@code dir}, if any; read, never written. */
    private Optional<RunManifest> previousManifest(RunConfig config, RunDirectory dir) throws IOException {
        if (!Files.isRegularFile(dir.layout().runJson())) {
            return Optional.empty();
        }
        RunManifest previous = json.readValue(dir.layout().runJson().toFile(), RunManifest.class);
        if (!previous.config().equals(config)) {
            throw new UsageException(dir.layout().runJson() + ": holds another configuration; resume with "
                    + "--resume " + dir.root() + " and no other options, or choose a new --out");
        }
        out.println("resuming " + dir.root());
        return Optional.of(previous);
    }

    private RunManifest startManifest(RunConfig config, RunDirectory dir) throws IOException {
        String created = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        RunManifest manifest = RunManifest.start(dir.root().getFileName().toString(), created, config,
                Versions.collect(plugins, config.backend()), Versions.gitCommit(Path.of("").toAbsolutePath()));
        // The run directory appears with its run.json already in it (assembled under a hidden name, then renamed):
        // a run killed while starting leaves nothing that --resume cannot read.
        Path root = dir.root().toAbsolutePath();
        try {
            Files.createDirectories(root.getParent());
            Path staging = Files.createTempDirectory(root.getParent(), "." + root.getFileName() + ".tmp-");
            AtomicFiles.writeString(staging.resolve(dir.layout().runJson().getFileName().toString()),
                    json.writeValueAsString(manifest));
            AtomicFiles.moveReplacing(staging, root);
        } catch (IOException e) {
            throw IoErrors.naming(root, "cannot create the run directory", e);
        }
        return manifest;
    }

    private RunManifest evaluate(ModelBackend backend, ModelRequest request, Role role, Benchmark benchmark,
                                 ModelPhase phase, RunDirectory dir, RunManifest manifest) throws IOException {
        out.println("loading " + role + " model " + request.model() + " (" + backend.name() + ", "
                + request.device() + ")");
        try (LanguageModel model = backend.load(request)) {
            model.expect(benchmark.knownInstances());
            RunManifest updated = manifest.withModel(role, model.info());
            AtomicFiles.writeString(dir.layout().runJson(), json.writeValueAsString(updated));
            ModelPhase.Outcome outcome = phase.evaluate(model, role, benchmark);
            out.printf("%s: %d tasks, %d failed, %d missing predictions%n", role, outcome.tasks(), outcome.failed(),
                    outcome.missing());
            return updated;
        }
    }

    private Path tune(ModelBackend backend, Options options, RunConfig config, Benchmark benchmark,
                      RunDirectory dir) throws IOException {
        Optional<Path> done = dir.tunedCheckpoint();
        if (done.isPresent()) {
            out.println("tuning already finished: " + done.get());
            return done.get();
        }
        if (benchmark.training().size() == 0) {
            throw new IllegalArgumentException("the training split is empty: every category is held out");
        }
        out.printf("tuning %s on %d examples for %d steps (%s)%n", config.model(), benchmark.training().size(),
                config.tuning().steps(), backend.name());
        TuningResult result;
        // rendered once into the run directory, read by the backend on demand; a resumed run reuses it
        try (TrainingExampleStore examples = benchmark.training().write(dir.layout().tuningDir().resolve("examples"));
             ConsoleProgress.Bar bar = progress.start("tuning", config.tuning().steps(), "step")) {
            TuningRequest request = new TuningRequest(new ModelRequest(config.model(), config.device(), options),
                    dir.layout().tuningDir(), examples, config.tuning(), true);
            result = backend.tune(request, (TuningProgress p) -> {
                bar.stepTo(p.step());
                bar.message(String.format("loss %.4f lr %.2e %.0f tok/s", p.loss(), p.learningRate(),
                        p.tokensPerSecond()));
            });
        }
        List<TuningProgress> curve = result.lossCurve();
        if (!curve.isEmpty()) {
            out.printf("tuned in %.0f s: loss %.4f -> %.4f%n", result.seconds(), curve.get(0).loss(),
                    curve.get(curve.size() - 1).loss());
        }
        dir.markTuned(result.checkpoint());
        return result.checkpoint();
    }

    private List<Metric> selectMetrics(RunConfig config) {
        List<Metric> selected = config.metrics().isEmpty() ? plugins.all(Metric.class)
                : config.metrics().stream().map(name -> plugins.get(Metric.class, name)).toList();
        String headline = config.headlineMetric();
        if (headline != null && selected.stream().noneMatch(m -> m.name().equals(headline))) {
            throw new UsageException("--headline-metric " + headline + " is not among the reported metrics "
                    + selected.stream().map(Metric::name).toList());
        }
        return selected;
    }
}
