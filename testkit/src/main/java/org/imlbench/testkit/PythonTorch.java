package org.imlbench.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python interpreter with PyTorch and numpy, for tests of backends that hand work to PyTorch (the
 * {@code torchrun} backend): {@code IMLBENCH_PYTHON} when set, else {@code python3}, else {@code /usr/bin/python3}
 * (Debian's {@code python3-torch}; a pyenv {@code python3} on the PATH often lacks torch).
 *
 * <p>As with {@link SharedData}: none found fails the test under {@code CI=true}, where {@code .ci/run} installs
 * them, and skips it otherwise, with the reason.
 */
public final class PythonTorch {
    private static final String PROBE = "import numpy, torch";

    private PythonTorch() {
    }

    /** @return the first interpreter that imports torch and numpy */
    public static String require() {
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates()) {
            if (imports(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        String message = "no Python with torch and numpy (tried " + String.join(", ", tried) + "; set "
                + "IMLBENCH_PYTHON, or install python3-torch python3-numpy)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        abort(message);
        throw new AssertionError(message);
    }

    private static List<String> candidates() {
        String env = System.getenv("IMLBENCH_PYTHON");
        if (env != null && !env.isBlank()) {
            return List.of(env);
        }
        return List.of("python3", "/usr/bin/python3");
    }

    private static boolean imports(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", PROBE).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
