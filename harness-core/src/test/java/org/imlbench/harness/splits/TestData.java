package org.imlbench.harness.splits;

import java.nio.file.Path;
import java.util.List;
import org.imlbench.api.Options;
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
        return TaskCatalog.load(PLUGINS, List.of(args), Path.of(""), seed, false, Options.empty());
    }
}
