package org.imlbench.harness.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: {@code harness run} on the embedded default (a reduced recipe) is killed with SIGKILL at moments a
 * seed chooses, once in each phase (loading, base evaluation, tuning, tuned evaluation, report writing), and resumed
 * with {@code --resume RUN_DIR} after each kill; the run that finally completes must have the summary.json and the
 * tuned model.safetensors of an uninterrupted run. {@code -Dimlbench.faults.seed=N} replays another schedule.
 */
class KillAndResumeIT {
    private static final long SEED = Long.getLong("imlbench.faults.seed", 20261204L);
    /** Small enough for the whole test to take about two minutes on two cores; it still tunes and checkpoints. */
    private static final List<String> RECIPE = List.of("--task-option", "instances=8", "--limit", "2",
            "--max-new-tokens", "4", "--steps", "6", "--batch-size", "2", "--max-seq-len", "64",
            "--checkpoint-every", "2", "--no-html", "--quiet");
    private static final long PROCESS_TIMEOUT_SECONDS = 300;

    /**
     * A phase to kill in: after the line that starts it appears (or, for loading, after the start), wait a random
     * time within its bounds, then kill.
     */
    private enum Phase {
        LOADING(null, 300, 2500),
        BASE_EVALUATION("loading base model", 0, 4000),
        TUNING("tuning ", 0, 5000),
        TUNED_EVALUATION("loading tuned model", 0, 4000),
        REPORT_WRITING("tuned: ", 0, 500);

        private final String marker;
        private final long minMillis;
        private final long maxMillis;

        Phase(String marker, long minMillis, long maxMillis) {
            this.marker = marker;
            this.minMillis = minMillis;
            this.maxMillis = maxMillis;
        }
    }

    /** What one interrupted process did: whether it was killed, and the last line it printed before. */
    private record Attempt(Phase phase, long delayMillis, boolean killed, String lastLine) {
        @Override
        public String toString() {
            return phase + " +" + delayMillis + " ms: " + (killed ? "killed after '" + lastLine + "'"
                    : "finished before the kill");
        }
    }

    @TempDir
    Path temp;

    @Test
    void killedInEveryPhaseAndResumedEndsAsAnUninterruptedRun() throws Exception {
        Launcher launcher = Launcher.locate();
        Path reference = runDirectoryOf(completed(launcher, temp.resolve("reference")));

        Path out = temp.resolve("interrupted");
        SplittableRandom random = new SplittableRandom(SEED);
        List<Attempt> schedule = new ArrayList<>();
        Optional<Path> runDir = Optional.empty();
        boolean finished = false;
        for (Phase phase : Phase.values()) {
            long delay = phase.minMillis + random.nextLong(phase.maxMillis - phase.minMillis + 1);
            Attempt attempt = killIn(launcher, arguments(out, runDir), phase, delay);
            schedule.add(attempt);
            runDir = onlyDirectory(out);
            if (!attempt.killed()) {
                finished = true;
                break;
            }
        }
        String story = "seed " + SEED + ": " + schedule;
        System.out.println("kill schedule, " + story);
        if (!finished) {
            assertTrue(runDir.isPresent(), "no run directory after " + story);
            Launcher.Result last = launcher.run(PROCESS_TIMEOUT_SECONDS, Map.of(), "run", "--resume",
                    runDir.get().toString(), "--quiet");
            assertEquals(0, last.exitCode(), story + "\n" + last);
        }
        Path resumed = runDir.orElseThrow(() -> new AssertionError("no run directory after " + story));

        assertEquals(normalised(reference), normalised(resumed), "summary.json differs; " + story);
        Path weights = Path.of("tuning", "model", "model.safetensors");
        assertEquals(-1, Files.mismatch(reference.resolve(weights), resumed.resolve(weights)),
                "the tuned weights differ; " + story);
    }

    private Path completed(Launcher launcher, Path out) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", "--out", out.toString()));
        args.addAll(RECIPE);
        Launcher.Result result = launcher.run(PROCESS_TIMEOUT_SECONDS, Map.of(), args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.toString());
        return out;
    }

    private static String[] arguments(Path out, Optional<Path> runDir) {
        if (runDir.isPresent()) {
            return new String[] {"run", "--resume", runDir.get().toString(), "--quiet"};
        }
        // killed before the run directory existed: start again, as a user would
        List<String> args = new ArrayList<>(List.of("run", "--out", out.toString()));
        args.addAll(RECIPE);
        return args.toArray(String[]::new);
    }

    /** Starts the run, waits for the phase's first line and the delay, then sends SIGKILL (if it still runs). */
    private static Attempt killIn(Launcher launcher, String[] args, Phase phase, long delayMillis)
            throws IOException, InterruptedException {
        Process process = launcher.start(Map.of(), args);
        CountDownLatch started = new CountDownLatch(phase.marker == null ? 0 : 1);
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (phase.marker != null && line.startsWith(phase.marker)) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the process was killed: its output simply ends
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_TIMEOUT_SECONDS);
            while (!started.await(100, TimeUnit.MILLISECONDS) && process.isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no '" + phase.marker + "' within " + PROCESS_TIMEOUT_SECONDS + " s");
                }
            }
            boolean exited = process.waitFor(delayMillis, TimeUnit.MILLISECONDS);
            boolean killed = !exited && process.isAlive();
            String last;
            synchronized (lines) {
                last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            }
            if (killed) {
                process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not die");
            reader.join(TimeUnit.SECONDS.toMillis(10));
            if (!killed) {
                synchronized (lines) {
                    assertEquals(0, process.exitValue(), "finished with an error:\n" + String.join("\n", lines));
                }
            }
            return new Attempt(phase, delayMillis, killed, last);
        } finally {
            process.destroyForcibly();
        }
    }

    private static Optional<Path> onlyDirectory(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(out)) {
            // a run killed while starting may leave the hidden directory its run directory was assembled in
            List<Path> all = dirs.filter(d -> !d.getFileName().toString().startsWith(".")).toList();
            assertTrue(all.size() <= 1, "more than one run directory: " + all);
            return all.stream().findFirst();
        }
    }

    private static Path runDirectoryOf(Path out) throws IOException {
        return onlyDirectory(out).orElseThrow(() -> new AssertionError("no run directory in " + out));
    }

    /** summary.json without what names the run itself: its id, start time and directory. */
    private static JsonNode normalised(Path runDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        String text = Files.readString(runDir.resolve("summary.json"))
                .replace(runDir.toAbsolutePath().toString(), "RUN_DIR");
        JsonNode summary = json.readTree(text);
        ObjectNode run = (ObjectNode) summary.get("run");
        run.remove(List.of("id", "created"));
        return summary;
    }
}
