package org.imlbench.torchrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.TuningListener;
import org.imlbench.api.TuningProgress;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.files.AtomicFiles;
import org.imlbench.hf.checkpoint.OptConfigs;
import org.imlbench.hf.embedded.ModelLocator;
import org.imlbench.hf.tokenizer.Tokenizer;
import org.imlbench.hf.tokenizer.Tokenizers;
import org.imlbench.tuningdata.ExampleEncoder;
import org.imlbench.tuningdata.LossCurveChart;
import org.imlbench.tuningdata.ModelLimits;
import org.imlbench.tuningdata.TrainingPool;

/**
 * One tuning run of the {@code torchrun} backend: resolve the base model, write the trainer and its data into the
 * output directory, run the ranks (here, or as a Slurm job), report each step from {@code progress.jsonl}, and return
 * the trainer's checkpoint with the loss curve drawn.
 *
 * <p>The output directory holds {@code trainer.py}, {@code data/} (request and shards), and what the trainer writes:
 * {@code model/}, {@code state/}, {@code progress.jsonl}, {@code logs/rank-<r>.log}; then {@code loss.csv},
 * {@code loss.png}, {@code logs/torchrun.out} and {@code logs/torchrun.err} (the launcher's output), or
 * {@code torchrun.sbatch} for Slurm.
 */
final class TorchrunTuning {
    private static final String TRAINER = "trainer.py";
    private static final long POLL_MILLIS = 250;
    private static final long SLURM_POLL_MILLIS = 2000;
    /** Variables of an enclosing torchrun or Slurm step that would confuse the ranks' own rendezvous. */
    private static final List<String> INHERITED_RANK_VARIABLES = List.of("RANK", "LOCAL_RANK", "WORLD_SIZE",
            "LOCAL_WORLD_SIZE", "GROUP_RANK", "ROLE_RANK", "MASTER_ADDR", "MASTER_PORT", "TORCHELASTIC_RUN_ID");

    private final TuningRequest request;
    private final TorchrunOptions options;
    private final Consumer<String> notes;
    private final List<String> pythonFallbacks;
    private final Path output;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param request the base model, data and recipe
     * @param options the backend's options, already checked
     * @param notes receives one-line notes to the user
     * @param pythonFallbacks interpreters to try when the default {@code python3} cannot run the trainer
     */
    TorchrunTuning(TuningRequest request, TorchrunOptions options, Consumer<String> notes,
                   List<String> pythonFallbacks) {
        this.request = request;
        this.options = options;
        this.notes = notes;
        this.pythonFallbacks = List.copyOf(pythonFallbacks);
        this.output = request.outputDir().toAbsolutePath().normalize();
    }

    TuningResult run(TuningListener listener) throws IOException {
        long started = System.nanoTime();
        options.checkSplits(request.config());
        Path base = ModelLocator.locate(request.base().model(), options.seed()).toAbsolutePath().normalize();
        Optional<PythonRuntime> python = options.launcher() == TorchrunOptions.Launcher.LOCAL
                ? Optional.of(PythonRuntime.find(options.python(), options.pythonGiven(), options.device().gpu(),
                pythonFallbacks, notes))
                : Optional.empty();
        refuseStaleState();
        Files.createDirectories(output.resolve("logs"));
        Path trainer = writeTrainer();
        Tokenizer tokenizer = Tokenizers.load(base);
        // limits the base model sets (window vs positions, tokenizer vs embedding) are settled before any work
        ModelLimits limits = ModelLimits.of(OptConfigs.read(base.resolve(OptConfigs.FILE_NAME)));
        limits.checkTokenizer(tokenizer, base);
        TuningConfig config = limits.fit(request.config(), notes);
        TrainingPool pool = new TrainingPool(request.examples(), new ExampleEncoder(tokenizer), config.maxSeqLen());
        TrainerRequest trainerRequest = new TrainerRequest(base, output, config, tokenizer.padId(),
                options.precision(), options.activationCheckpointing(),
                TrainerRequest.layout(config.steps(), options.shardSteps()));
        TrainingData.Written data = TrainingData.prepare(output.resolve("data"), trainerRequest, pool,
                pool.fingerprint(config, request.base().model()), json);
        if (data.dropped() > 0) {
            notes.accept("torchrun: " + data.dropped() + " drawn training examples were left out: their target does "
                    + "not fit a window of " + config.maxSeqLen() + " tokens");
        }
        ProgressFile progress = new ProgressFile(output.resolve("progress.jsonl"), config.steps(), json);
        if (python.isPresent()) {
            runLocal(python.get(), trainer, data, progress, listener);
        } else {
            runSlurm(trainer, data, progress, listener);
        }
        Path model = output.resolve("model");
        if (!Files.isRegularFile(model.resolve("model.safetensors"))) {
            throw new IOException(model + ": the trainer ended without writing the tuned checkpoint (with several "
                    + "nodes the output directory must be on a file system every node shares)");
        }
        List<TuningProgress> curve = progress.readAll();
        LossCurveChart.writePng(curve.stream().filter(p -> Double.isFinite(p.loss())).toList(),
                output.resolve("loss.png"), "tuning " + request.base().model() + " (torchrun)");
        LossCurveChart.writeCsv(curve, output.resolve("loss.csv"));
        return new TuningResult(model, curve, data.tokens(), (System.nanoTime() - started) / 1e9);
    }

    /** The shipped trainer, written next to the run so that a cluster job (or a person) can run it directly. */
    private Path writeTrainer() throws IOException {
        byte[] bytes;
        try (InputStream in = TorchrunTuning.class.getResourceAsStream(TRAINER)) {
            if (in == null) {
                throw new IOException("the torchrun plugin jar lacks its " + TRAINER + " resource");
            }
            bytes = in.readAllBytes();
        }
        Path file = output.resolve(TRAINER);
        if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
            AtomicFiles.write(file, bytes);
        }
        return file;
    }

    /** A fresh run into a directory that holds a state would mix two runs: the trainer refuses it too, later. */
    private void refuseStaleState() throws IOException {
        if (request.resume()) {
            return;
        }
        Path states = output.resolve("state");
        if (!Files.isDirectory(states)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(states)) {
            Optional<String> latest = dirs.map(d -> d.getFileName().toString())
                    .filter(n -> n.matches("step-\\d{8}")).max(String::compareTo);
            if (latest.isPresent()) {
                throw new IOException(output + " holds the state of a tuning run (" + latest.get() + "); resume it "
                        + "with --resume, or tune into an empty directory");
            }
        }
    }

    private void runLocal(PythonRuntime python, Path trainer, TrainingData.Written data, ProgressFile progress,
                          TuningListener listener) throws IOException {
        TorchrunCommand.Rendezvous rendezvous = options.nnodes() == 1 ? new TorchrunCommand.Standalone()
                : new TorchrunCommand.Static(options.nnodes(), options.nodeRank(),
                options.rdzvEndpoint().orElseThrow());
        if (options.nodeRank() == 0) {
            // rank 0 lives here and rewrites it from its state when it resumes; a stale one would report steps that
            // are to be redone
            Files.deleteIfExists(progress.file());
        }
        TorchrunCommand command = new TorchrunCommand(python.command(), options.nprocPerNode(), rendezvous,
                output.resolve("logs").resolve("torchrun").toString(), trainer.toString(), data.dir().toString(),
                request.resume());
        Path out = output.resolve("logs").resolve("torchrun.out");
        Path err = output.resolve("logs").resolve("torchrun.err");
        ProcessBuilder builder = new ProcessBuilder(command.arguments()).directory(output.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        INHERITED_RANK_VARIABLES.forEach(env::remove);
        env.put("OMP_NUM_THREADS", String.valueOf(options.threads()));
        options.device().visibleDevices().ifPresent(v -> env.put("CUDA_VISIBLE_DEVICES", v));
        env.putIfAbsent("TORCH_CPP_LOG_LEVEL", "ERROR");
        Process process = builder.start();
        Thread reaper = new Thread(() -> destroyTree(process), "torchrun-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        int exit;
        try {
            exit = follow(process, progress, listener);
        } finally {
            destroyTree(process);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
        if (exit != 0) {
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            throw new IOException(FailureLine.of(stderr).orElse("torchrun exited with status " + exit)
                    + " (logs in " + output.resolve("logs") + ")");
        }
    }

    /** Reports steps until the process ends; returns its exit status. */
    private static int follow(Process process, ProgressFile progress, TuningListener listener) throws IOException {
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                progress.poll().forEach(listener::onStep);
            }
            progress.poll().forEach(listener::onStep);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("tuning interrupted; the ranks were stopped (--resume continues)");
        }
    }

    /** Stops the launcher and every rank it started, politely first. */
    private static void destroyTree(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : all) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                try {
                    h.onExit().get(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException | TimeoutException e) {
                    // still alive: wait until the deadline
                }
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    /**
     * Writes the sbatch script, says how to submit it, and waits for the job's exit status, reporting its steps as
     * they appear on the shared file system.
     */
    private void runSlurm(Path trainer, TrainingData.Written data, ProgressFile progress, TuningListener listener)
            throws IOException {
        Path status = output.resolve(SlurmScript.EXIT_STATUS);
        if (request.resume() && exitStatus(status).orElse(-1) == 0
                && Files.isRegularFile(output.resolve("model").resolve("model.safetensors"))) {
            return;                                                // the job finished while nobody waited
        }
        SlurmScript script = new SlurmScript(options, options.python(), output, trainer, data.dir());
        Path file = output.resolve(SlurmScript.FILE_NAME);
        Files.deleteIfExists(status);
        AtomicFiles.writeString(file, script.render());
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: sbatch reads the script anyway
        }
        notes.accept("torchrun: wrote " + file + " (" + options.nnodes() + " node(s) x " + options.nprocPerNode()
                + " rank(s)); submit it with: " + script.submitHint() + " -- waiting for the job (Ctrl-C stops the "
                + "waiting, not the job; the same command with --resume collects its result)");
        try {
            while (true) {
                progress.poll().forEach(listener::onStep);
                Optional<Integer> exit = exitStatus(status);
                if (exit.isPresent()) {
                    progress.poll().forEach(listener::onStep);
                    if (exit.get() != 0) {
                        throw new IOException(FailureLine.of(slurmLogs()).orElse("the Slurm job exited with status "
                                + exit.get()) + " (logs in " + output.resolve("logs") + ")");
                    }
                    return;
                }
                Thread.sleep(SLURM_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped waiting for the Slurm job (it keeps running; the same "
                    + "command with --resume collects its result)");
        }
    }

    private static Optional<Integer> exitStatus(Path status) throws IOException {
        if (!Files.isRegularFile(status)) {
            return Optional.empty();
        }
        String text = Files.readString(status, StandardCharsets.UTF_8).strip();
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IOException(status + ": not an exit status: '" + text + "'", e);
        }
    }

    /** The Slurm output of the run's latest job ({@code logs/slurm-<job id>.out}), or nothing. */
    private String slurmLogs() throws IOException {
        try (Stream<Path> files = Files.list(output.resolve("logs"))) {
            Optional<Path> latest = files.filter(f -> f.getFileName().toString().matches("slurm-\\d+\\.out"))
                    .max(Comparator.comparingLong(f -> Long.parseLong(f.getFileName().toString()
                            .replaceAll("\\D", ""))));
            return latest.isPresent() ? Files.readString(latest.get(), StandardCharsets.UTF_8) : "";
        }
    }
}
