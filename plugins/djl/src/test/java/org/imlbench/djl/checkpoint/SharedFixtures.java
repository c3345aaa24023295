package org.imlbench.djl.checkpoint;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the read-only {@code ../shared} material: system property {@code imlbench.repo} + {@code /../shared}, or
 * env {@code IMLBENCH_SHARED}. Missing data fails the test when {@code CI=true} and skips it otherwise.
 */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    /**
     * @param relative a path inside shared/
     * @return the existing path
     */
    public static Path require(String relative) {
        Path root = root();
        Path path = root == null ? null : root.resolve(relative);
        if (path == null || !Files.exists(path)) {
            String message = "shared data missing: " + (path == null ? "../shared/" + relative : path);
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return path;
    }

    /** @return the opt fixtures directory */
    public static Path optFixtures() {
        return require("fixtures/opt");
    }

    private static Path root() {
        String env = System.getenv("IMLBENCH_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String repo = System.getProperty("imlbench.repo");
        return repo == null ? null : Path.of(repo).resolve("../shared").normalize();
    }
}
