package org.imlbench.harness.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The README tells plugin authors to run imlbench's contract kit with one test class. Each example plugin in
 * {@code docs/examples} ships that class under {@code test/}: this compiles the plugin and its test exactly as
 * written, on the class path next to the kit, and runs it on the JUnit Platform, as the author's build would.
 */
class ExamplePluginsPassTheKitTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"arithmetic-tasks, org.example.arithmetic.ArithmeticTasksContractTest",
            "first-word-metric, org.example.firstword.FirstWordMetricContractTest"})
    void theExampleAndItsContractTestCompileAndPass(String example, String testClass) throws Exception {
        Path root = Path.of(System.getProperty("imlbench.repo", "..")).resolve("docs/examples").resolve(example);
        List<Path> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry));
        }
        PluginJar build = PluginJar.in(temp.resolve("build")).classPath(classPath);
        for (Path tree : List.of(root.resolve("src"), root.resolve("test"))) {
            try (Stream<Path> files = Files.walk(tree)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (!file.getFileName().toString().equals("module-info.java")) {
                        build.source(tree.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                    }
                }
            }
        }
        Path classes = build.compile();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Events events = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(loader.loadClass(testClass))).execute().testEvents();
            List<String> failures = new ArrayList<>();
            events.failed().stream().forEach(e -> failures.add(e.getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("?")));
            assertEquals(List.of(), failures);
            assertTrue(events.succeeded().count() >= 4, "the kit ran: " + events.succeeded().count() + " passed");
        }
    }
}
