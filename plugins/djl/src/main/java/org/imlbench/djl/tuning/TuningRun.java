package org.imlbench.djl.tuning;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.TuningListener;
import org.imlbench.api.TuningProgress;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.djl.model.OptModel;
import org.imlbench.files.FileTrees;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.CheckpointWriter;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.tokenizer.Tokenizer;
import org.imlbench.hf.tokenizer.Tokenizers;
import org.imlbench.tuningdata.ExampleEncoder;
import org.imlbench.tuningdata.LearningRateSchedule;
import org.imlbench.tuningdata.LossCurveChart;
import org.imlbench.tuningdata.ModelLimits;
import org.imlbench.tuningdata.TrainingPool;
import org.imlbench.tuningdata.WindowStream;

/** One tuning run from start (or from its latest saved state) to the published checkpoint. */
final class TuningRun {
    private static final System.Logger LOG = System.getLogger(TuningRun.class.getName());

    private final TuningRequest request;
    private final TuningConfig config;
    private final Path baseDir;
    private final List<Device> devices;
    private final boolean mixed;
    private final TuningListener listener;
    private final TuningDirectory dir;
    private final ModelLimits limits;

    /**
     * @param request the request
     * @param config its recipe, fitted to the base model ({@link ModelLimits#fit})
     * @param limits the base model's limits
     * @param baseDir the base checkpoint
     * @param devices one per replica
     * @param mixed whether to train float16 replicas against a float32 master
     * @param listener told after every step
     */
    TuningRun(TuningRequest request, TuningConfig config, ModelLimits limits, Path baseDir, List<Device> devices,
              boolean mixed, TuningListener listener) {
        this.request = request;
        this.config = config;
        this.limits = limits;
        this.baseDir = baseDir;
        this.devices = devices;
        this.mixed = mixed;
        this.listener = listener;
        this.dir = new TuningDirectory(request.outputDir());
    }

    TuningResult run() throws IOException {
        long started = System.nanoTime();
        Tokenizer tokenizer = Tokenizers.load(baseDir);
        limits.checkTokenizer(tokenizer, baseDir);
        TrainingPool pool = new TrainingPool(request.examples(), new ExampleEncoder(tokenizer), config.maxSeqLen());
        String fingerprint = pool.fingerprint(config, request.base().model());
        Optional<Path> latest = dir.latestState();
        RunState state = null;
        if (latest.isPresent()) {
            if (!request.resume()) {
                throw new IOException(request.outputDir() + " holds the state of a tuning run (step "
                        + TuningDirectory.stepOf(latest.get()) + "); resume it, or tune into an empty directory");
            }
            state = RunState.read(latest.get().resolve(RunState.FILE_NAME));
            if (!state.fingerprint().equals(fingerprint)) {
                throw new IOException(latest.get() + ": saved by a run with another recipe, base model or training "
                        + "data; cannot resume it with these");
            }
            if (state.step() == config.steps()) {
                return finish(latest.get(), state, started);
            }
        }
        WindowStream stream = WindowStream.of(pool, config);
        Path source = baseDir;
        if (state != null) {
            stream.skip(state.dataWindows());
            if (stream.position().draws() != state.dataDraws()) {
                throw new IOException(latest.get() + ": the data stream does not replay to the saved position");
            }
            source = latest.get().resolve("model");
        }
        List<OptModel> replicas = new ArrayList<>();
        try {
            try (Checkpoint checkpoint = Checkpoints.open(source)) {
                for (Device d : devices) {
                    replicas.add(OptModel.load(checkpoint, d, mixed ? DataType.FLOAT16 : DataType.FLOAT32));
                }
            }
            try (DataParallelTrainer trainer = new DataParallelTrainer(replicas,
                    TrainerSettings.of(config, mixed, tokenizer.padId()))) {
                if (state != null) {
                    restore(trainer, latest.get(), state);
                } else if (mixed) {
                    // the float16 replicas lost precision; the master starts from the checkpoint's float32 values
                    trainer.setMasterWeights(ParameterFiles.read(source, trainer.masterWeights().keySet()));
                }
                CheckpointWriter writer = withTokenizerText(new CheckpointWriter(replicas.get(0).config()), source);
                Path last = train(trainer, stream, state, writer, fingerprint);
                if (pool.dropped() > 0) {
                    LOG.log(System.Logger.Level.WARNING, "{0} drawn training examples were left out: their target "
                            + "does not fit a window of {1} tokens", pool.dropped(), config.maxSeqLen());
                }
                return finish(last, RunState.read(last.resolve(RunState.FILE_NAME)), started);
            }
        } finally {
            replicas.forEach(OptModel::close);
        }
    }

    /**
     * The tokenizer files are read into memory once: the directory they come from may be a saved state that this run
     * deletes when it saves the next one.
     */
    private static CheckpointWriter withTokenizerText(CheckpointWriter writer, Path dir) throws IOException {
        for (String name : CheckpointWriter.TOKENIZER_FILES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                writer = writer.withTextFile(name, Files.readString(file));
            }
        }
        return writer;
    }

    private void restore(DataParallelTrainer trainer, Path stateDir, RunState state) throws IOException {
        var names = trainer.masterWeights().keySet();
        trainer.restore(mixed ? ParameterFiles.read(stateDir.resolve("master"), names) : null, state.adamUpdates(),
                ParameterFiles.read(stateDir.resolve("exp_avg"), names),
                ParameterFiles.read(stateDir.resolve("exp_avg_sq"), names), state.lossScale());
    }

    private Path train(DataParallelTrainer trainer, WindowStream stream, RunState resumed, CheckpointWriter writer,
                       String fingerprint) throws IOException {
        LearningRateSchedule schedule = new LearningRateSchedule(config.learningRate(), config.warmupSteps(),
                config.steps());
        List<TuningProgress> curve = new ArrayList<>(resumed == null ? List.of() : resumed.curve());
        long tokens = resumed == null ? 0 : resumed.tokens();
        int first = resumed == null ? 1 : resumed.step() + 1;
        Path last = null;
        for (int step = first; step <= config.steps(); step++) {
            long t0 = System.nanoTime();
            double lr = schedule.rate(step);
            StepOutcome outcome = trainer.step(stream.next(config.batchSize()), lr, dropoutSeed(step));
            double seconds = (System.nanoTime() - t0) / 1e9;
            TuningProgress progress = new TuningProgress(step, config.steps(), outcome.loss(), lr,
                    outcome.tokens() / Math.max(seconds, 1e-9));
            curve.add(progress);
            tokens += outcome.tokens();
            listener.onStep(progress);
            boolean due = config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0;
            if (due || step == config.steps()) {
                WindowStream.DataPosition position = stream.position();
                RunState state = new RunState(fingerprint, step, config.seed(),
                        position.windows(), position.draws(), trainer.optimizer().updates(),
                        trainer.scaler().state(), tokens, curve);
                last = save(trainer, writer, state);
                LossCurveChart.writePng(curve, dir.lossPng(), "tuning " + request.base().model());
                LossCurveChart.writeCsv(curve, dir.lossCsv());
            }
        }
        return last;
    }

    /** Dropout masks of step {@code s} come from this seed, whatever process runs the step. */
    private long dropoutSeed(int step) {
        return config.seed() * 1_000_003L + step;
    }

    private Path save(DataParallelTrainer trainer, CheckpointWriter writer, RunState state) throws IOException {
        Path temp = dir.beginState();
        try {
            trainer.replicas().get(0).save(temp.resolve("model"), writer);
            var cfg = trainer.replicas().get(0).config();
            ParameterFiles.write(temp.resolve("exp_avg"), cfg, trainer.optimizer().firstMoments());
            ParameterFiles.write(temp.resolve("exp_avg_sq"), cfg, trainer.optimizer().secondMoments());
            if (trainer.mixedPrecision()) {
                ParameterFiles.write(temp.resolve("master"), cfg, trainer.masterWeights());
            }
            state.write(temp.resolve(RunState.FILE_NAME));
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteTree(temp);
            throw e;
        }
        return dir.commitState(temp, state.step());
    }

    private TuningResult finish(Path stateDir, RunState state, long started) throws IOException {
        Path model = dir.publishModel(stateDir.resolve("model"));
        if (!Files.isRegularFile(dir.lossPng())) {
            LossCurveChart.writePng(state.curve(), dir.lossPng(), "tuning " + request.base().model());
            LossCurveChart.writeCsv(state.curve(), dir.lossCsv());
        }
        return new TuningResult(model, state.curve(), state.tokens(), (System.nanoTime() - started) / 1e9);
    }
}
