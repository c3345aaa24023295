package org.imlbench.djl.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the read-only {@code ../shared} directory: required in CI, optional (tests skip) elsewhere. */
public final class SharedData {
    private SharedData() {
    }

    /**
     * @param relative a path under shared/
     * @return the existing path
     */
    public static Path require(String relative) {
        String env = System.getenv("IMLBENCH_SHARED");
        Path root = env != null ? Path.of(env)
                : Path.of(System.getProperty("imlbench.repo", ".")).resolve("../shared").normalize();
        Path p = root.resolve(relative);
        if (!Files.exists(p)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("shared data missing in CI: " + p);
            }
            Assumptions.abort("shared data not found: " + p);
        }
        return p;
    }
}
