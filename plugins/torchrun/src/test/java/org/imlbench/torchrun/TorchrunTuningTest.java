package org.imlbench.torchrun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.TuningProgress;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.testkit.PythonTorch;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend end to end on the CPU: real torchrun launches of the shipped trainer on the tiny fixtures. */
class TorchrunTuningTest {
    @TempDir
    Path temp;

    private static TuningResult tune(TuningRequest request, List<TuningProgress> seen) throws IOException {
        return new TorchrunBackend(s -> { }).tune(request, seen::add);
    }

    @Test
    void oneRankAndTwoRanksGiveTheSameLossesAndTheFullOutput() throws Exception {
        TuningConfig config = TinyRuns.recipe(20).build();
        List<TuningProgress> seenOne = new ArrayList<>();
        TuningResult one = tune(TinyRuns.request("opt-tiny", temp.resolve("one"), config, false, Map.of()), seenOne);
        List<TuningProgress> seenTwo = new ArrayList<>();
        Path out = temp.resolve("two");
        TuningResult two = tune(TinyRuns.request("opt-tiny", out, config, false,
                Map.of("nproc-per-node", "2", "shard-steps", "8")), seenTwo);

        assertEquals(seenOne, one.lossCurve(), "the listener saw every step as the result has it");
        assertEquals(seenTwo, two.lossCurve());
        assertEquals(20, two.lossCurve().size());
        for (int s = 0; s < 20; s++) {
            TuningProgress a = one.lossCurve().get(s);
            TuningProgress b = two.lossCurve().get(s);
            assertEquals(s + 1, b.step());
            assertEquals(a.learningRate(), b.learningRate());
            assertEquals(a.loss(), b.loss(), 1e-5, "step " + (s + 1));
        }
        assertTrue(two.lossCurve().get(19).loss() < two.lossCurve().get(0).loss() - 1, "the model learns");
        assertEquals(one.tokens(), two.tokens());

        assertEquals(out.resolve("model").toAbsolutePath(), two.checkpoint());
        for (String file : List.of("trainer.py", "data/request.json", "data/shard-00002.labels.npy",
                "progress.jsonl", "loss.csv", "loss.png", "logs/rank-0.log", "logs/rank-1.log",
                "logs/torchrun.err", "model/config.json", "model/vocab.json", "model/merges.txt")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        assertEquals(21, Files.readAllLines(out.resolve("loss.csv")).size());
        try (Checkpoint tuned = Checkpoints.open(two.checkpoint());
             Checkpoint base = Checkpoints.open(SharedData.fixtures("opt/opt-tiny"))) {
            assertEquals(base.tensorNames(), tuned.tensorNames());
            assertEquals(base.config(), tuned.config());
        }
        IOException again = assertThrows(IOException.class, () -> tune(TinyRuns.request("opt-tiny", out, config, false,
                Map.of("nproc-per-node", "2")), new ArrayList<>()));
        assertTrue(again.getMessage().endsWith(" holds the state of a tuning run (step-00000020); resume it with "
                + "--resume, or tune into an empty directory"), again.getMessage());

        // two "nodes" of one rank each, started by hand on this machine, sharing the output directory
        Path shared = temp.resolve("two-nodes");
        String endpoint = "127.0.0.1:" + freePort();
        List<CompletableFuture<TuningResult>> nodes = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            TuningRequest request = TinyRuns.request("opt-tiny", shared, config, false, Map.of("nnodes", "2",
                    "node-rank", String.valueOf(node), "rdzv-endpoint", endpoint));
            nodes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return tune(request, new ArrayList<>());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (CompletableFuture<TuningResult> node : nodes) {
            TuningResult result = node.get(300, TimeUnit.SECONDS);
            for (int s = 0; s < 20; s++) {
                assertEquals(one.lossCurve().get(s).loss(), result.lossCurve().get(s).loss(), 1e-5);
            }
        }
    }

    @Test
    void aWindowLongerThanTheModelsPositionsIsCutToThemWithANote() throws Exception {
        // the OPT-IML recipe's 2048-token window on a checkpoint with 64 positions: an engine error before the fix
        TuningConfig config = TinyRuns.recipe(2).maxSeqLen(2048).build();
        List<String> notes = new ArrayList<>();
        TuningResult result = new TorchrunBackend(notes::add).tune(
                TinyRuns.request("opt-tiny", temp.resolve("long"), config, false, Map.of()), p -> { });
        assertEquals(2, result.lossCurve().size());
        assertTrue(notes.stream().anyMatch(n -> n.contains("--max-seq-len 2048 is longer than the model's "
                + "max_position_embeddings 64")), notes.toString());
    }

    @Test
    void aKilledRankFailsTheRunInOneLineAndResumeEndsWithTheSameBytes() throws Exception {
        TuningConfig config = TinyRuns.recipe(40).checkpointEvery(2).dropout(0.1).build();
        Map<String, String> options = Map.of("nproc-per-node", "2");
        Path whole = temp.resolve("whole");
        tune(TinyRuns.request("opt-tiny-postln", whole, config, false, options), new ArrayList<>());

        Path killed = temp.resolve("killed");
        List<TuningProgress> seen = new ArrayList<>();
        CompletableFuture<TuningResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return tune(TinyRuns.request("opt-tiny-postln", killed, config, false, options), seen);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        long pid = rankOneAfterStep(killed.resolve("progress.jsonl"), 5, run);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> run.get(120, TimeUnit.SECONDS));
        String message = failed.getCause().getCause().getMessage();
        assertTrue(message.startsWith("trainer error (rank 1): killed by signal 9 (SIGKILL)"), message);
        assertTrue(message.endsWith("(logs in " + killed.toAbsolutePath().resolve("logs") + ")"), message);
        assertEquals(1, message.lines().count());
        assertFalse(Files.exists(killed.resolve("model")));

        TuningResult resumed = tune(TinyRuns.request("opt-tiny-postln", killed, config, true, options),
                new ArrayList<>());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model/model.safetensors")),
                Files.readAllBytes(resumed.checkpoint().resolve("model.safetensors")),
                "the resumed run ends with the uninterrupted run's bytes");
        assertEquals(40, resumed.lossCurve().size());
    }

    /** Waits for a step of the run, then finds rank 1 among this JVM's descendants by its environment. */
    private static long rankOneAfterStep(Path progress, int step, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && !run.isDone()) {
            if (Files.isRegularFile(progress) && Files.readAllLines(progress).size() >= step) {
                for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
                    Path environ = Path.of("/proc", String.valueOf(p.pid()), "environ");
                    String command = p.info().commandLine().orElse("");
                    if (command.contains("trainer.py") && !command.contains("torch.distributed.run")
                            && Files.isReadable(environ)
                            && new String(Files.readAllBytes(environ), StandardCharsets.UTF_8)
                            .contains("\0LOCAL_RANK=1\0")) {
                        return p.pid();
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the run ended (or never reached step " + step + ") before rank 1 could be killed");
    }

    @Test
    void theSlurmScriptRunsTheTrainerAndTheWaitingRunCollectsItsResult() throws Exception {
        Path out = temp.resolve("slurm");
        List<TuningProgress> seen = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        TuningConfig config = TinyRuns.recipe(6).build();
        int port = freePort();
        TuningRequest request = TinyRuns.request("opt-tiny", out, config, false, Map.of("launcher", "slurm",
                "nproc-per-node", "2", "rdzv-endpoint", "localhost:" + port));
        CompletableFuture<TuningResult> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return new TorchrunBackend(notes::add).tune(request, seen::add);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Path script = out.resolve("torchrun.sbatch");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isRegularFile(script) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, sbatch(script, out), "the job's output is in " + out.resolve("logs"));
        TuningResult result = waiting.get(60, TimeUnit.SECONDS);
        assertEquals(6, result.lossCurve().size());
        assertEquals(result.lossCurve(), seen);
        assertEquals("0", Files.readString(out.resolve("slurm-exit-status")).strip());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("submit it with: sbatch " + script), notes.get(0));

        // a failed job: its one error line, from the newest Slurm output
        Path failed = temp.resolve("slurm-failed");
        CompletableFuture<TuningResult> failing = CompletableFuture.supplyAsync(() -> {
            try {
                return new TorchrunBackend(s -> { }).tune(TinyRuns.request("opt-tiny", failed, config, false,
                        Map.of("launcher", "slurm")), p -> { });
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        while (!Files.isRegularFile(failed.resolve("torchrun.sbatch"))) {
            Thread.sleep(20);
        }
        Files.writeString(failed.resolve("logs/slurm-9.out"), "trainer error (rank 0): an older job\n");
        Files.writeString(failed.resolve("logs/slurm-10.out"), "srun: error: node3: task 3: Exited with exit code 1\n"
                + "trainer error (rank 5): out of memory on node3\n");
        Files.writeString(failed.resolve("slurm-exit-status"), "1\n");
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(60, TimeUnit.SECONDS));
        assertEquals("trainer error (rank 5): out of memory on node3 (logs in " + failed.toAbsolutePath()
                .resolve("logs") + ")", e.getCause().getCause().getMessage());
    }

    /** Runs the sbatch script as Slurm would on one node: srun starts its task once, scontrol names this host. */
    private int sbatch(Path script, Path out) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(temp.resolve("fake-slurm"));
        writeExecutable(bin.resolve("srun"), "#!/bin/bash\nwhile [[ \"$1\" == --* ]]; do shift; done\n"
                + "SLURM_NODEID=0 exec \"$@\"\n");
        writeExecutable(bin.resolve("scontrol"), "#!/bin/bash\necho localhost\n");
        ProcessBuilder job = new ProcessBuilder("bash", script.toString())
                .redirectOutput(out.resolve("logs/slurm-4242.out").toFile()).redirectErrorStream(true);
        job.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        job.environment().put("SLURM_JOB_ID", "4242");
        job.environment().put("SLURM_JOB_NODELIST", "localhost");
        Process p = job.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the job did not end");
        return p.exitValue();
    }

    private static void writeExecutable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theTrainersOwnPythonTestsPass() throws IOException, InterruptedException {
        String python = PythonTorch.require();
        Path shared = SharedData.fixtures("opt").getParent().getParent();
        Path tests = Path.of("src/test/python").toAbsolutePath();
        Path repo = Path.of(System.getProperty("imlbench.repo", tests.resolve("../../../../..").toString()));
        ProcessBuilder unittest = new ProcessBuilder(python, "-m", "unittest", "-v").directory(tests.toFile())
                .redirectErrorStream(true);
        unittest.environment().put("IMLBENCH_REPO", repo.toAbsolutePath().normalize().toString());
        unittest.environment().put("IMLBENCH_SHARED", shared.toString());
        unittest.environment().put("IMLBENCH_PYTHON", python);
        unittest.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = unittest.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the Python tests did not end");
        assertEquals(0, p.exitValue(), output);
        Optional<String> summary = output.lines().filter(l -> l.startsWith("Ran ")).findFirst();
        assertTrue(summary.isPresent() && output.contains("\nOK"), output);
    }
}
