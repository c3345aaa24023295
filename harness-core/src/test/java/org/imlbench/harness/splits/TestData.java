package org.imlbench.harness.splits;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imlbench.api.TaskLoadException;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.tasks.TaskCatalog;

/** Loads task sources through the built-in providers, as the harness does; locates {@code ../shared/data}. */
public final class TestData {
    private static final PluginRegistry PLUGINS = PluginRegistry.discover(List.of(), true);

    private TestData() {
    }

    /** @return the registry of built-in plugins */
    public static PluginRegistry plugins() {
        return PLUGINS;
    }

    /**
     * @param seed the seed
     * @param args {@code --tasks} arguments
     * @return the catalog
     * @throws TaskLoadException when loading fails
     */
    public static TaskCatalog load(long seed, String... args) throws TaskLoadException {
        return TaskCatalog.load(PLUGINS, List.of(args), Path.of(""), seed, false, Map.of());
    }

    /**
     * @param relative a path under {@code shared/data}
     * @return the folder; fails under CI when missing, skips the test otherwise
     */
    public static Path shared(String relative) {
        String env = System.getenv("IMLBENCH_SHARED");
        String repo = System.getProperty("imlbench.repo");
        Path shared = env != null ? Path.of(env) : repo != null ? Path.of(repo).resolve("../shared") : Path.of("../shared");
        Path dir = shared.resolve("data").resolve(relative).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("shared data missing under CI: " + dir);
            }
            assumeTrue(false, "shared data not available: " + dir);
        }
        return dir;
    }
}
