package org.imlbench.harness.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Metric;
import org.imlbench.api.Plugin;
import org.imlbench.api.PluginKind;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery of class-path ("built-in") providers, in process. Drop-in jars in their own module layers need the
 * harness on the module path; {@code LauncherIT} covers them through {@code ./harness}.
 */
class PluginRegistryTest {
    private static final String SERVICES = "META-INF/services/" + TaskCategoryProvider.class.getName();

    @TempDir
    Path temp;

    /** A jar of providers, listed in the services file in this order, loaded through its own class loader. */
    private URLClassLoader providers(String version, String... classAndSource) throws IOException {
        PluginJar jar = PluginJar.in(temp.resolve("build")).classPath(testClassPath()).implementationVersion(version);
        StringBuilder services = new StringBuilder();
        for (int i = 0; i < classAndSource.length; i += 2) {
            jar.source(classAndSource[i].replace('.', '/') + ".java", classAndSource[i + 1]);
            services.append(classAndSource[i]).append('\n');
        }
        Path file = jar.resource(SERVICES, services.toString()).jar(temp.resolve("providers.jar"));
        return new URLClassLoader(new URL[] {file.toUri().toURL()}, getClass().getClassLoader());
    }

    private static List<Path> testClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
    }

    @Test
    void badProvidersAreReportedOneByOneAndTheOthersLoad() throws IOException {
        try (URLClassLoader loader = providers("3.1.4",
                "t.Good", TestProviders.good("t", "Good", "zz-good"),
                "t.Throws", TestProviders.throwing("t", "Throws", "zz-throws"),
                "t.Future", TestProviders.future("t", "Future", "zz-future"),
                "t.Same", TestProviders.good("t", "Same", "zz-good"),
                "t.BadName", TestProviders.good("t", "BadName", "Has Spaces"))) {
            PluginRegistry registry = PluginRegistry.discover(loader, List.of(), false);

            PluginDescriptor good = registry.descriptors().stream()
                    .filter(d -> d.name().equals("zz-good")).findFirst().orElseThrow();
            assertEquals(PluginKind.TASK_CATEGORIES, good.kind());
            assertEquals("3.1.4", good.version(), "version from the jar manifest");
            assertEquals(PluginDescriptor.BUILT_IN, good.origin());
            assertEquals("unnamed", good.module());
            assertEquals("works", good.description());
            assertEquals("t.Good", registry.get(TaskCategoryProvider.class, "zz-good").getClass().getName());

            // Only this test's providers: the real built-ins on the class path are not under test here.
            List<String> failures = registry.failures().stream().map(PluginFailure::toString)
                    .filter(line -> line.contains("zz-") || line.contains(" t.")).toList();
            assertEquals(4, failures.size(), failures.toString());
            assertTrue(failures.get(0).contains("t.Throws failed: IllegalStateException: constructor exploded"),
                    failures.get(0));
            assertTrue(failures.get(1).contains("'zz-future' needs imlbench API level " + (ImlbenchApi.LEVEL + 1)
                    + ", this harness has " + ImlbenchApi.LEVEL), failures.get(1));
            assertTrue(failures.get(2).contains("name 'zz-good' is already taken"), failures.get(2));
            assertTrue(failures.get(3).contains("invalid name 'Has Spaces'"), failures.get(3));
            failures.forEach(line -> assertFalse(line.contains("\n"), line));
            assertTrue(registry.descriptors().stream().noneMatch(d -> d.name().startsWith("zz-") && !d.name()
                    .equals("zz-good")));
        }
    }

    @Test
    void aServicesEntryWithoutItsClassIsReportedAndTheNextProviderLoads() throws IOException {
        PluginJar jar = PluginJar.in(temp.resolve("build")).classPath(testClassPath())
                .source("t/Good.java", TestProviders.good("t", "Good", "zz-after-missing"))
                .resource(SERVICES, "t.Missing\nt.Good\n");
        Path file = jar.jar(temp.resolve("missing-class.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {file.toUri().toURL()},
                getClass().getClassLoader())) {
            PluginRegistry registry = PluginRegistry.discover(loader, List.of(), false);
            assertEquals("t.Good", registry.get(TaskCategoryProvider.class, "zz-after-missing").getClass().getName());
            List<String> failures = registry.failures().stream().map(PluginFailure::toString)
                    .filter(line -> line.contains("t.Missing")).toList();
            assertEquals(1, failures.size(), registry.failures().toString());
            assertTrue(failures.get(0).startsWith("built-in: task-categories: "), failures.get(0));
        }
    }

    @Test
    void strictModeStopsAtTheFirstFailure() throws IOException {
        try (URLClassLoader loader = providers("1",
                "t.Good", TestProviders.good("t", "Good", "zz-good"),
                "t.Throws", TestProviders.throwing("t", "Throws", "zz-throws"))) {
            PluginLoadException error = assertThrows(PluginLoadException.class,
                    () -> PluginRegistry.discover(loader, List.of(), true));
            assertTrue(error.getMessage().startsWith("plugin error: "), error.getMessage());
            assertTrue(error.failure().cause().contains("constructor exploded"), error.getMessage());
        }
    }

    @Test
    void unknownNameListsTheAvailableOnes() throws IOException {
        try (URLClassLoader loader = providers("1",
                "t.A", TestProviders.good("t", "A", "zz-a"),
                "t.B", TestProviders.good("t", "B", "zz-b"))) {
            PluginRegistry registry = PluginRegistry.discover(loader, List.of(), false);
            UsageException error = assertThrows(UsageException.class,
                    () -> registry.get(TaskCategoryProvider.class, "nope"));
            assertTrue(error.getMessage().startsWith("no task-categories plugin named 'nope'; available: "),
                    error.getMessage());
            assertTrue(error.getMessage().contains("zz-a, zz-b"), error.getMessage());
            List<String> names = registry.all(TaskCategoryProvider.class).stream().map(Plugin::name).toList();
            assertTrue(names.indexOf("zz-a") < names.indexOf("zz-b"), names.toString());
            assertTrue(registry.all(Metric.class).stream().noneMatch(m -> m.name().startsWith("zz-")));
            assertThrows(IllegalArgumentException.class, () -> registry.all(Plugin.class));
        }
    }

    @Test
    void dropInDirectoriesAreCheckedAndNeedTheModulePath() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Files.write(dir.resolve("some.jar"), new byte[] {1, 2, 3});
        Path missing = temp.resolve("no-such-dir");
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader(), List.of(dir, missing), false);
        List<PluginFailure> failures = registry.failures().stream()
                .filter(failure -> failure.origin().startsWith(temp.toString())).toList();
        assertEquals(2, failures.size(), failures.toString());
        assertEquals(dir.resolve("some.jar").toString(), failures.get(0).origin());
        assertTrue(failures.get(0).cause().contains("module path"), failures.get(0).cause());
        assertEquals(new PluginFailure(missing.toString(), "plugin directory does not exist"), failures.get(1));
    }

    @Test
    void bundlesAreJarsAndFoldersOfJarsInNameOrder() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        Path folder = Files.createDirectories(dir.resolve("a-with-deps"));
        Files.createFile(folder.resolve("lib.jar"));
        Files.createFile(folder.resolve("plugin.jar"));
        Files.createDirectories(dir.resolve("empty"));
        List<PluginFailure> failures = new ArrayList<>();
        List<PluginBundle> bundles = PluginBundle.scan(dir, failures::add);
        assertEquals(List.of(new PluginBundle(folder, List.of(folder.resolve("lib.jar"), folder.resolve("plugin.jar"))),
                new PluginBundle(dir.resolve("b.jar"), List.of(dir.resolve("b.jar")))), bundles);
        assertEquals(List.of(new PluginFailure(dir.resolve("empty").toString(), "plugin folder holds no jars")),
                failures);
    }
}
