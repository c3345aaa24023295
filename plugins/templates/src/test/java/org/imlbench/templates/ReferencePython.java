package org.imlbench.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference renderer ({@code parity/render_reference.py}) with Debian's Python and its Jinja2 and PyYAML
 * ({@code python3-jinja2 python3-yaml}, which {@code .ci/run} installs). When they are missing the test is skipped
 * with the reason, except under {@code CI=true}, where it fails.
 */
final class ReferencePython {
    static final String PYTHON = "/usr/bin/python3";

    private ReferencePython() {
    }

    /** Skips (or, under CI, fails) the calling test when the reference cannot run. */
    static void require() throws IOException, InterruptedException {
        String problem = null;
        if (!Files.isExecutable(Path.of(PYTHON))) {
            problem = PYTHON + " is missing";
        } else {
            Process p = new ProcessBuilder(PYTHON, "-c", "import jinja2, yaml").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                problem = PYTHON + " -c 'import jinja2, yaml' failed (apt-get install python3-jinja2 python3-yaml): "
                        + out.strip();
            }
        }
        if (problem != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(problem);
            }
            abort(problem);
        }
    }

    /**
     * @param args the script's arguments
     * @return its JSON output
     */
    static JsonNode run(String... args) throws IOException, InterruptedException {
        Path script;
        try {
            script = Path.of(ReferencePython.class.getResource("parity/render_reference.py").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("reference", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor(), () -> "reference renderer failed: " + read(err));
            return new ObjectMapper().readTree(out);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
