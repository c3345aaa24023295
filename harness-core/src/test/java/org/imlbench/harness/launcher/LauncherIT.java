package org.imlbench.harness.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.harness.plugins.PluginJar;
import org.imlbench.harness.plugins.TestProviders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of the plugin platform through the real launcher: third-party plugins compiled and jarred at test time,
 * dropped into a plugin directory and found by {@code harness} in a fresh JVM on the module path, with no rebuild.
 */
class LauncherIT {
    private static Launcher launcher;
    private static Path apiJar;

    @TempDir
    Path temp;

    @BeforeAll
    static void locateLauncher() throws IOException {
        launcher = Launcher.locate();
        apiJar = launcher.apiJar();
    }

    /** The example plugin of the README's plugin author's guide, built exactly from docs/examples. */
    private Path exampleJar(Path dir) throws IOException {
        Path sources = Path.of(System.getProperty("imlbench.repo", ".."), "docs/examples/arithmetic-tasks/src");
        return PluginJar.in(temp.resolve("build-example")).sourceTree(sources).modulePath(List.of(apiJar))
                .moduleVersion("1.0.0").jar(dir.resolve("arithmetic-tasks.jar"));
    }

    /** A one-provider task plugin module; {@code source} is the provider class {@code pkg.Provider}. */
    private Path modularPlugin(Path jar, String module, String pkg, String source, List<Path> modulePath,
                               String... requires) throws IOException {
        StringBuilder info = new StringBuilder("module " + module + " {\n    requires org.imlbench.api;\n");
        for (String required : requires) {
            info.append("    requires ").append(required).append(";\n");
        }
        info.append("    provides org.imlbench.api.TaskCategoryProvider with ").append(pkg).append(".Provider;\n}\n");
        List<Path> path = new ArrayList<>(List.of(apiJar));
        path.addAll(modulePath);
        return PluginJar.in(Files.createTempDirectory(temp, "build")).modulePath(path)
                .source("module-info.java", info.toString())
                .source(pkg.replace('.', '/') + "/Provider.java", source)
                .jar(jar);
    }

    /** Version {@code version} of the small library {@code org.example.versioned}. */
    private Path library(Path jar, String version) throws IOException {
        return PluginJar.in(Files.createTempDirectory(temp, "lib")).moduleVersion(version)
                .source("module-info.java", "module org.example.versioned { exports org.example.versioned; }\n")
                .source("org/example/versioned/LibraryVersion.java", """
                        package org.example.versioned;

                        public final class LibraryVersion {
                            private LibraryVersion() {
                            }

                            public static String get() {
                                return "%s";
                            }
                        }
                        """.formatted(version))
                .jar(jar);
    }

    private static JsonNode plugin(JsonNode json, String name) {
        return StreamSupport.stream(json.get("plugins").spliterator(), false)
                .filter(node -> node.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + name + " in " + json));
    }

    @Test
    void aDroppedInTaskPluginIsListedWithoutARebuild() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Path jar = exampleJar(dir);

        Launcher.Result table = launcher.run("--plugins", dir.toString(), "plugins");
        assertEquals(0, table.exitCode(), table.toString());
        assertEquals(List.of(), table.errLines(), table.toString());
        String row = table.out().lines().filter(line -> line.contains(" arithmetic ")).findFirst()
                .orElseThrow(() -> new AssertionError(table.toString()));
        assertEquals(List.of("task-categories", "arithmetic", "1.0.0", "org.example.arithmetic", jar.toString()),
                List.of(row.split("\\s+")), row);
        assertTrue(table.out().lines().anyMatch(line -> line.matches("task-categories\\s+\\S+\\s+.*built-in")),
                "built-in plugins are listed too:\n" + table.out());

        Launcher.Result json = launcher.run(Map.of("IMLBENCH_PLUGINS", dir.toString()), "plugins", "--json");
        assertEquals(0, json.exitCode(), json.toString());
        JsonNode arithmetic = plugin(new ObjectMapper().readTree(json.out()), "arithmetic");
        assertEquals(jar.toString(), arithmetic.get("origin").asText());
        assertEquals("Generated addition and parity tasks (example plugin)", arithmetic.get("description").asText());
    }

    @Test
    void theDroppedInPluginsTasksAreShown() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        exampleJar(dir);

        Launcher.Result result = launcher.run("--plugins", dir.toString(), "tasks", "--tasks", "arithmetic",
                "--task-option", "instances=7", "--json");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode tasks = new ObjectMapper().readTree(result.out()).get("tasks");
        Map<String, String> categories = new HashMap<>();
        Map<String, Integer> instances = new HashMap<>();
        tasks.forEach(task -> {
            categories.put(task.get("id").asText(), task.get("category").asText());
            instances.put(task.get("id").asText(), task.get("instances").asInt());
        });
        assertEquals(Map.of("arithmetic/addition", "Arithmetic", "arithmetic/parity", "Number Properties"),
                categories, result.toString());
        assertEquals(Map.of("arithmetic/addition", 7, "arithmetic/parity", 7), instances, result.toString());

        Launcher.Result text = launcher.run("--plugins", dir.toString(), "tasks", "--tasks", "arithmetic");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().contains("Number Properties"), text.toString());
    }

    @Test
    void twoPluginsBundlingTwoVersionsOfOneLibraryEachSeeTheirOwn() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        for (String version : List.of("1.0", "2.0")) {
            String suffix = version.replace(".0", "");
            Path folder = Files.createDirectories(dir.resolve("uses-v" + suffix));
            Path lib = library(folder.resolve("versioned-" + version + ".jar"), version);
            String pkg = "org.example.usesv" + suffix;
            modularPlugin(folder.resolve("uses-v" + suffix + ".jar"), pkg, pkg,
                    TestProviders.taskProvider(pkg, "Provider", "uses-v" + suffix, "ImlbenchApi.LEVEL", "",
                            "\"library \" + org.example.versioned.LibraryVersion.get()"),
                    List.of(lib), "org.example.versioned");
        }
        Launcher.Result result = launcher.run("--plugins", dir.toString(), "plugins", "--json");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of(), result.errLines(), result.toString());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals("library 1.0", plugin(json, "uses-v1").get("description").asText());
        assertEquals("library 2.0", plugin(json, "uses-v2").get("description").asText());
        assertEquals(dir.resolve("uses-v1/uses-v1.jar").toString(), plugin(json, "uses-v1").get("origin").asText());
    }

    @Test
    void aPluginJarWithoutModuleInfoLoadsAsAnAutomaticModule() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Path jar = PluginJar.in(temp.resolve("build-plain")).classPath(List.of(apiJar))
                .source("org/example/plain/Provider.java",
                        TestProviders.good("org.example.plain", "Provider", "plain"))
                .resource("META-INF/services/org.imlbench.api.TaskCategoryProvider", "org.example.plain.Provider\n")
                .jar(dir.resolve("plain-plugin-1.2.jar"));

        Launcher.Result result = launcher.run("--plugins", dir.toString(), "plugins");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of(), result.errLines(), result.toString());
        assertTrue(result.out().lines().anyMatch(line -> List.of(line.split("\\s+")).equals(
                List.of("task-categories", "plain", "1.2", "plain.plugin", jar.toString()))), result.toString());
    }

    /** A plugin directory with the example plugin and five broken ones; returns jar name to expected cause. */
    private Map<String, String> brokenPlugins(Path dir) throws IOException {
        exampleJar(dir);
        Map<String, String> expected = new HashMap<>();
        Files.writeString(dir.resolve("corrupt.jar"), "this is not a zip file", StandardCharsets.UTF_8);
        expected.put("corrupt.jar", "ZipException: zip END header not found");
        modularPlugin(dir.resolve("throwing.jar"), "org.example.throwing", "org.example.throwing",
                TestProviders.throwing("org.example.throwing", "Provider", "throwing"), List.of());
        expected.put("throwing.jar", "failed: IllegalStateException: constructor exploded");
        modularPlugin(dir.resolve("future.jar"), "org.example.future", "org.example.future",
                TestProviders.future("org.example.future", "Provider", "future"), List.of());
        expected.put("future.jar", "'future' needs imlbench API level " + (ImlbenchApi.LEVEL + 1)
                + ", this harness has " + ImlbenchApi.LEVEL);
        Path absent = library(temp.resolve("absent/versioned.jar"), "9.9");
        modularPlugin(dir.resolve("missing-dependency.jar"), "org.example.needy", "org.example.needy",
                TestProviders.good("org.example.needy", "Provider", "needy"), List.of(absent),
                "org.example.versioned");
        expected.put("missing-dependency.jar", "Module org.example.versioned not found, required by org.example.needy");
        modularPlugin(dir.resolve("same-name.jar"), "org.example.samename", "org.example.samename",
                TestProviders.good("org.example.samename", "Provider", "arithmetic"), List.of());
        expected.put("same-name.jar", "task-categories name 'arithmetic' is already taken by module "
                + "org.example.arithmetic");
        return expected;
    }

    @Test
    void brokenPluginsGetOneLineEachAndTheOthersStillLoad() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Map<String, String> expected = brokenPlugins(dir);

        Launcher.Result result = launcher.run("--plugins", dir.toString(), "plugins");
        assertEquals(0, result.exitCode(), result.toString());
        List<String> errors = result.errLines();
        assertEquals(expected.size(), errors.size(), result.toString());
        expected.forEach((jar, cause) -> {
            String prefix = "plugin error: " + dir.resolve(jar) + ": ";
            assertTrue(errors.stream().anyMatch(line -> line.startsWith(prefix) && line.contains(cause)),
                    "expected a line '" + prefix + "...' mentioning '" + cause + "' in\n" + result.err());
        });
        assertTrue(result.out().lines().anyMatch(line -> line.contains(" arithmetic ")
                && line.endsWith(dir.resolve("arithmetic-tasks.jar").toString())), result.toString());
        assertTrue(result.out().lines().noneMatch(line -> line.matches(".*\\s(throwing|future|needy)\\s.*")),
                result.toString());
    }

    @Test
    void strictModeMakesAPluginFailureFatal() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Map<String, String> expected = brokenPlugins(dir);

        Launcher.Result result = launcher.run("--strict", "--plugins", dir.toString(), "plugins");
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.errLines().size(), result.toString());
        String line = result.errLines().get(0);
        assertTrue(line.startsWith("plugin error: " + dir) && expected.keySet().stream().anyMatch(line::contains),
                line);
        assertEquals("", result.out());
    }

    @Test
    void theRuntimeImageHasNoConflictingModules() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // --validate-modules reports split packages, duplicate modules and bad automatic module names.
        Launcher.Result result = launcher.exec(List.of(java, "--module-path", launcher.modules().toString(),
                "--validate-modules"));
        assertEquals(0, result.exitCode(), result.toString());
        try (var jars = Files.list(launcher.classpath())) {
            assertEquals(List.of("commons-compress", "pytorch-native-cpu"), jars
                    .map(jar -> jar.getFileName().toString().replaceAll("-\\d.*", "")).sorted().toList());
        }
    }

    @Test
    void theEmbeddedModelRunsOnDjlThroughTheLauncher() throws Exception {
        // A smoke test of the whole chain on the module path: DJL, PyTorch's native jar on the class path, the
        // embedded model. One instance per task keeps it to seconds.
        Launcher.Result result = launcher.run("eval", "--limit", "1", "--quiet", "--no-html", "--out",
                temp.resolve("runs").toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.err().isBlank(), "nothing on stderr (no SLF4J notice either):\n" + result);
        try (var runs = Files.list(temp.resolve("runs"))) {
            Path run = runs.findFirst().orElseThrow(() -> new AssertionError("no run directory\n" + result));
            assertTrue(Files.isRegularFile(run.resolve("run.json")), result.toString());
        }
    }

    @Test
    void helpAndUsageErrorsThroughTheLauncher() throws Exception {
        Launcher.Result help = launcher.run("--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().contains("plugins"), help.out());
        Launcher.Result unknown = launcher.run("no-such-command");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals(1, unknown.errLines().size(), unknown.toString());
    }
}
