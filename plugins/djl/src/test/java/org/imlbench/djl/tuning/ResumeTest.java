package org.imlbench.djl.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.djl.backend.DjlBackend;
import org.imlbench.djl.testing.Golden;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.checkpoint.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tuning process killed with SIGKILL and resumed ends with the weights of an uninterrupted run. */
class ResumeTest {
    @TempDir
    Path temp;

    @Test
    void killedAndResumedRunEndsWhereAnUninterruptedRunEnds() throws Exception {
        Path base = Golden.fixturesDir().resolve("opt-tiny");
        Path straight = temp.resolve("straight");
        Path killed = temp.resolve("killed");

        finish(child(base, straight, false, 0), straight, false);

        Process victim = child(base, killed, false, 1500);
        TuningDirectory dir = new TuningDirectory(killed);
        Optional<Path> state = Optional.empty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && victim.isAlive()) {
            state = dir.latestState();
            if (state.isPresent()) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(state.isPresent() && victim.isAlive(), "a checkpoint appeared while the run was going on");
        victim.destroyForcibly();                                        // SIGKILL on Linux
        victim.waitFor();
        int savedStep = TuningDirectory.stepOf(dir.latestState().orElseThrow());
        assertTrue(savedStep < TuningChild.STEPS, "killed mid-run, after step " + savedStep);
        assertFalse(Files.exists(dir.model()), "no tuned model yet");

        finish(child(base, killed, true, 0), killed, true);

        Map<String, float[]> a = weights(straight.resolve("model"));
        Map<String, float[]> b = weights(killed.resolve("model"));
        Map<String, float[]> original = weights(base);
        assertEquals(original.keySet(), a.keySet(), "the tuned checkpoint keeps every tensor name");
        double moved = 0;
        for (String name : a.keySet()) {
            float[] x = a.get(name);
            float[] y = b.get(name);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-6, name + "[" + i + "]");
                moved = Math.max(moved, Math.abs(x[i] - original.get(name)[i]));
            }
        }
        assertTrue(moved > 1e-3, "tuning changed the weights");
        assertTrue(storedNames(straight.resolve("model/model.safetensors")).stream()
                .allMatch(n -> n.startsWith("model.decoder.")), "Hugging Face tensor names");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                Arrays.copyOf(Files.readAllBytes(straight.resolve("loss.png")), 4));
        assertEquals(TuningChild.STEPS + 1, Files.readAllLines(killed.resolve("loss.csv")).size());

        try (LanguageModel model = new DjlBackend().load(new ModelRequest(straight.resolve("model").toString(),
                "cpu", Options.of(Map.of("threads", "1"))))) {
            assertTrue(model.info().toString().length() > 0, "the backend loads the tuned checkpoint");
        }
    }

    private void finish(Process process, Path out, boolean resume) throws Exception {
        int code = process.waitFor();
        if (code != 0) {
            throw new AssertionError("tuning child exited with " + code + ":\n" + Files.readString(log(out, resume)));
        }
    }

    private Path log(Path out, boolean resume) {
        return temp.resolve(out.getFileName() + (resume ? "-resume" : "") + ".log");
    }

    private String classPath;

    /**
     * The test's class path with its class directories copied, so that the children keep running the classes under
     * test even if the build rewrites target/ meanwhile.
     */
    private String classPath() throws IOException {
        if (classPath == null) {
            List<String> entries = new ArrayList<>();
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) {
                    Path copy = temp.resolve("classes-" + n++);
                    try (var files = Files.walk(p)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            Files.copy(f, copy.resolve(p.relativize(f).toString()));
                        }
                    }
                    entries.add(copy.toString());
                } else {
                    entries.add(entry);
                }
            }
            classPath = String.join(File.pathSeparator, entries);
        }
        return classPath;
    }

    private Process child(Path base, Path out, boolean resume, long sleepMillis) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classPath(),
                TuningChild.class.getName(), base.toString(), out.toString(), Boolean.toString(resume),
                Long.toString(sleepMillis)));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(out, resume).toFile())
                .start();
    }

    private static Map<String, float[]> weights(Path dir) throws IOException {
        Map<String, float[]> out = new TreeMap<>();
        try (Checkpoint cp = Checkpoints.open(dir)) {
            for (String name : cp.tensorNames()) {
                TensorData t = cp.tensor(name);
                FloatBuffer data = t.data().duplicate();
                float[] values = new float[data.remaining()];
                data.get(values);
                out.put(name, values);
            }
        }
        return out;
    }

    private static List<String> storedNames(Path safetensors) throws IOException {
        byte[] bytes = Files.readAllBytes(safetensors);
        long length = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) length, StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        new ObjectMapper().readTree(header).fieldNames().forEachRemaining(n -> {
            if (!n.equals("__metadata__")) {
                names.add(n);
            }
        });
        return names;
    }
}
