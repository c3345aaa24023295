package org.imlbench.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the data sets and model fixtures that imlbench's tests and examples use, which are never part of the
 * repository: BIG-Bench Hard, a Super-NaturalInstructions sample, lm-evaluation-harness and PromptSource files, the
 * OPT tokenizer ({@code harness data get} downloads the task data), and tiny OPT checkpoints with float64 golden
 * values.
 *
 * <p>Where they are: {@code IMLBENCH_DATA} names the data folder and {@code IMLBENCH_FIXTURES} the fixtures folder
 * (holding {@code opt/}); both default to {@code data/} and {@code fixtures/} under {@code IMLBENCH_SHARED}, which
 * defaults to {@code ../shared} beside the repository (the system property {@code imlbench.repo}, set by the build,
 * else the working directory). The data folder holds {@code bbh/}, {@code niv2/}, {@code lm-eval/tasks/},
 * {@code promptsource/} and {@code opt-tokenizer/}: the layout that {@code harness data get NAME --out DIR/NAME}
 * leaves for the first four.
 *
 * <p>A missing folder fails the test under {@code CI=true}, where the data must be present, and skips it otherwise.
 */
public final class SharedData {
    private SharedData() {
    }

    /**
     * @param relative a path under the data folder, e.g. {@code niv2}
     * @return the existing path
     */
    public static Path data(String relative) {
        return require(folder("IMLBENCH_DATA", "data").resolve(relative));
    }

    /**
     * @param relative a path under the fixtures folder, e.g. {@code opt/opt-tiny}
     * @return the existing path
     */
    public static Path fixtures(String relative) {
        return require(folder("IMLBENCH_FIXTURES", "fixtures").resolve(relative));
    }

    /**
     * For material a test can do without, such as a fuzz target's extra seeds: its committed inputs still run.
     *
     * @param relative a path under the fixtures folder
     * @return the path, or empty when it is missing outside CI (under {@code CI=true} a missing path fails)
     */
    public static Optional<Path> fixturesIfPresent(String relative) {
        return ifPresent(folder("IMLBENCH_FIXTURES", "fixtures").resolve(relative));
    }

    /**
     * @param relative a path under the data folder
     * @return the path, or empty when it is missing outside CI (under {@code CI=true} a missing path fails)
     * @see #fixturesIfPresent
     */
    public static Optional<Path> dataIfPresent(String relative) {
        return ifPresent(folder("IMLBENCH_DATA", "data").resolve(relative));
    }

    private static Optional<Path> ifPresent(Path path) {
        if (Files.exists(path)) {
            return Optional.of(path);
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(missing(path));
        }
        return Optional.empty();
    }

    /** @return the folder of the tiny OPT checkpoints and {@code golden.json} */
    public static Path optFixtures() {
        return fixtures("opt");
    }

    private static Path folder(String variable, String underShared) {
        String env = System.getenv(variable);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        String shared = System.getenv("IMLBENCH_SHARED");
        Path root = shared != null && !shared.isBlank() ? Path.of(shared)
                : Path.of(System.getProperty("imlbench.repo", ".")).resolve("../shared");
        return root.resolve(underShared).toAbsolutePath().normalize();
    }

    private static String missing(Path path) {
        return "test data missing: " + path + " (set IMLBENCH_DATA / IMLBENCH_FIXTURES; './harness data get NAME --out "
                + "DIR/NAME' fills a data folder; see README)";
    }

    private static Path require(Path path) {
        if (!Files.exists(path)) {
            String message = missing(path);
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            abort(message);
        }
        return path;
    }
}
