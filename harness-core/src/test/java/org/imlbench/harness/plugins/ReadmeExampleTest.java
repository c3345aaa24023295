package org.imlbench.harness.plugins;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin author's guide in README.md shows the example plugin that LauncherIT compiles and loads; this keeps the
 * two the same, so that the guide's code is tested code.
 */
class ReadmeExampleTest {
    private static final Path REPO = Path.of(System.getProperty("imlbench.repo", "..")).toAbsolutePath();
    private static final Path EXAMPLE = REPO.resolve("docs/examples/arithmetic-tasks/src");

    @Test
    void readmeShowsEveryFileOfTheExamplePluginVerbatim() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"), StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = EXAMPLE.relativize(file).toString().replace('\\', '/');
                String fence = file.toString().endsWith(".java") ? "```java\n" : "```\n";
                String block = fence + Files.readString(file, StandardCharsets.UTF_8) + "```\n";
                assertTrue(readme.contains("`src/" + relative + "`:\n\n" + block),
                        "README.md must show src/" + relative + " exactly as in " + file);
            }
        }
    }
}
