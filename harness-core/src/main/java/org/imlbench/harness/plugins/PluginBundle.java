package org.imlbench.harness.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One drop-in plugin: a single jar, or a folder of jars (a plugin with its own dependencies). Each bundle gets its
 * own {@link ModuleLayer}.
 *
 * @param origin the jar, or the folder, as found in a plugin directory
 * @param jars the jars that make up the bundle (just {@code origin} for a single jar)
 */
public record PluginBundle(Path origin, List<Path> jars) {
    /** Copies the list. */
    public PluginBundle {
        Objects.requireNonNull(origin, "origin");
        jars = List.copyOf(jars);
    }

    /**
     * The bundles in one plugin directory, sorted by name: every {@code *.jar} in it, and every sub-folder that
     * holds jars. Other files are ignored.
     *
     * @param directory a plugin directory
     * @param failures told about a directory that cannot be read
     * @return the bundles found
     */
    public static List<PluginBundle> scan(Path directory, Consumer<PluginFailure> failures) {
        if (!Files.isDirectory(directory)) {
            failures.accept(new PluginFailure(directory.toString(), "plugin directory does not exist"));
            return List.of();
        }
        List<PluginBundle> bundles = new ArrayList<>();
        try {
            for (Path entry : sorted(directory)) {
                if (isJar(entry)) {
                    bundles.add(new PluginBundle(entry, List.of(entry)));
                } else if (Files.isDirectory(entry)) {
                    List<Path> jars = sorted(entry).stream().filter(PluginBundle::isJar).toList();
                    if (jars.isEmpty()) {
                        failures.accept(new PluginFailure(entry.toString(), "plugin folder holds no jars"));
                    } else {
                        bundles.add(new PluginBundle(entry, jars));
                    }
                }
            }
        } catch (IOException e) {
            failures.accept(new PluginFailure(directory.toString(), "cannot list plugin directory: " + OneLine.of(e)));
        }
        return bundles;
    }

    private static boolean isJar(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> sorted(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().toList();
        }
    }
}
