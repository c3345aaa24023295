package org.imlbench.prompts;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared/data}: fails under CI when it is missing, skips otherwise. */
public final class SharedData {
    private SharedData() {
    }

    /**
     * @param relative a path under {@code shared/data}, e.g. {@code niv2}
     * @return the folder
     */
    public static Path folder(String relative) {
        String env = System.getenv("IMLBENCH_SHARED");
        String repo = System.getProperty("imlbench.repo");
        Path shared = env != null ? Path.of(env) : repo != null ? Path.of(repo).resolve("../shared") : Path.of("../shared");
        Path dir = shared.resolve("data").resolve(relative).normalize();
        if (!Files.isDirectory(dir)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("shared data missing under CI: " + dir);
            }
            assumeTrue(false, "shared data not available: " + dir);
        }
        return dir;
    }
}
