package org.imlbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imlbench.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument parsing, help, exit codes and one-line errors of the CLI, with test commands. */
class MainTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Parameters(commandNames = "count", commandDescription = "Prints the count it was given.")
    static final class CountCommand implements CliCommand {
        @Parameter(names = "--count", description = "How many.", required = true)
        int count;

        @Override
        public String name() {
            return "count";
        }

        @Override
        public int run(CliContext context) {
            context.out().println("count=" + count);
            return 0;
        }
    }

    @Parameters(commandNames = "fail", commandDescription = "Fails.")
    static final class FailCommand implements CliCommand {
        @Override
        public String name() {
            return "fail";
        }

        @Override
        public int run(CliContext context) throws IOException {
            throw new IOException("disk full\nwhile writing /tmp/x");
        }
    }

    @Parameters(commandNames = "misuse", commandDescription = "Rejects its arguments.")
    static final class MisuseCommand implements CliCommand {
        @Override
        public String name() {
            return "misuse";
        }

        @Override
        public int run(CliContext context) {
            throw new UsageException("--a and --b cannot be combined");
        }
    }

    private int run(Map<String, String> env, String... args) {
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, temp,
                () -> List.of(new CountCommand(), new FailCommand(), new MisuseCommand()));
        return main.run(args);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void helpListsGlobalOptionsAndEveryCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("--plugins"), out());
        assertTrue(out().contains("--strict"), out());
        assertTrue(out().contains("\n  count   Prints the count it was given.\n"), out());
        assertTrue(out().contains("\n  misuse  Rejects its arguments.\n"), out());
        assertFalse(out().contains("--count"), "the overview does not list command options");
    }

    @Test
    void everyCommandHasHelp() {
        assertEquals(0, run("count", "--help"));
        assertTrue(out().contains("Usage: harness [global options] count [options]"), out());
        assertTrue(out().contains("--count  (required)"), out());
        assertTrue(out().contains("--help"), out());
    }

    @Test
    void runsTheCommandWithItsOptions() {
        assertEquals(0, run("count", "--count", "3"));
        assertEquals("count=3\n", out());
        assertEquals(List.of(), errLines());
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        assertEquals(2, run());
        assertEquals(2, run("nosuch"));
        assertEquals(2, run("count", "--count", "many"));
        assertEquals(2, run("count"));
        assertEquals(2, run("count", "--count", "1", "--bogus"));
        assertEquals(2, run("misuse"));
        List<String> lines = errLines();
        assertEquals(6, lines.size(), lines.toString());
        assertEquals("harness: unknown option '--bogus' (known: --count, --help) (see 'harness count --help')",
                lines.get(4));
        assertEquals("harness misuse: --a and --b cannot be combined (see 'harness misuse --help')", lines.get(5));
    }

    @Test
    void failuresExitWithOneAndOneLine() {
        assertEquals(1, run("fail"));
        assertEquals(List.of("error: disk full while writing /tmp/x"), errLines());
    }

    @Test
    void verbosePrintsTheStackTrace() {
        assertEquals(1, run("--verbose", "fail"));
        List<String> lines = errLines();
        assertEquals("error: disk full while writing /tmp/x", lines.get(0));
        assertTrue(lines.stream().anyMatch(line -> line.contains("at org.imlbench.harness.cli.MainTest$FailCommand")),
                lines.toString());
    }

    @Test
    void pluginFailuresAreReportedAndOnlyStopTheCommandWhenStrict() {
        Path missing = temp.resolve("missing");
        assertEquals(0, run("--plugins", "missing", "count", "--count", "1"));
        assertTrue(errLines().contains("plugin error: " + missing + ": plugin directory does not exist"),
                errLines().toString());
        assertEquals("count=1\n", out());

        err.reset();
        out.reset();
        assertEquals(1, run("--strict", "--plugins", "missing", "count", "--count", "1"));
        assertEquals(List.of("plugin error: " + missing + ": plugin directory does not exist"), errLines());
        assertEquals("", out());
    }

    @Test
    void pluginDirectoriesComeFromOptionsAndTheEnvironment() {
        String env = temp.resolve("e1") + File.pathSeparator + temp.resolve("e2");
        assertEquals(0, run(Map.of(Main.PLUGINS_ENV, env), "--plugins", "o1", "--plugins", "o2", "count",
                "--count", "2"));
        List<String> reported = errLines().stream().filter(line -> line.startsWith("plugin error: " + temp)).toList();
        assertEquals(List.of(temp.resolve("o1"), temp.resolve("o2"), temp.resolve("e1"), temp.resolve("e2")).stream()
                .map(dir -> "plugin error: " + dir + ": plugin directory does not exist").toList(), reported);
    }

    /** A permission problem reaching the top prints the path and the reason (the JDK's message is only the path). */
    @Test
    void fileSystemFailuresGiveThePathAndTheReason() {
        String file = temp.resolve("runs/run.json").toString();
        assertEquals(file + ": permission denied", Main.describe(new AccessDeniedException(file)));
        assertEquals(file + ": no such file or directory", Main.describe(new NoSuchFileException(file)));
        assertEquals(file + ": Read-only file system",
                Main.describe(new FileSystemException(file, null, "Read-only file system")));
    }

    @Test
    void pluginsCommandPrintsJsonAndATable() throws IOException {
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), temp);
        assertEquals(0, main.run("plugins", "--json"));
        JsonNode json = new ObjectMapper().readTree(out());
        assertTrue(json.get("plugins").isArray());
        assertTrue(json.get("failures").isArray());
        out.reset();
        assertEquals(0, main.run("plugins"));
        assertTrue(out().startsWith("KIND"), out());
        assertEquals(json.get("plugins").size() + 1, out().lines().count(), out());
    }
}
