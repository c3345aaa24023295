package org.imlbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.harness.splits.TestData;
import org.imlbench.harness.tasks.LoadedTasks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of {@code harness} ({@link Commands#all()}, so that a new command cannot be left out), given an unknown
 * plugin, a bad option value or an unknown option key, exits 2, prints one line naming what is wrong (and, for an
 * unknown name, the known ones) and writes nothing. The cases for plugin names, plugin options, seeds, devices and
 * unknown flags are derived from the options each command declares; command-specific values are listed below.
 */
class UsageErrorsTest {
    /** Arguments that make each command valid, so that each case has exactly one thing wrong. */
    private static final Map<String, List<String>> VALID = new TreeMap<>();

    @TempDir
    static Path shared;
    private static Path runDir;
    private static List<Path> shards;
    private static int workDirs;

    /**
     * One usage error.
     *
     * @param command the command
     * @param args the arguments added to the command's valid ones, or (with {@code alone}) given instead of them
     * @param says what the one line must say
     * @param alone whether {@code args} replace the valid arguments
     */
    private record Case(String command, List<String> args, List<String> says, boolean alone) {
        Case(String command, List<String> args, List<String> says) {
            this(command, args, says, false);
        }

        @Override
        public String toString() {
            return command + " " + String.join(" ", args);
        }
    }

    @BeforeAll
    static void runDirectories() throws Exception {
        // report and merge read run directories: two shards of a replayed evaluation, and one whole one
        Path predictions = shared.resolve("predictions.jsonl");
        List<String> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (LoadedTasks loaded = TestData.load(1, "synthetic")) {
            for (Task task : TestData.tasks(loaded)) {
                Instance first = task.instances().get(0);
                lines.add(json.writeValueAsString(Map.of("task", task.id(), "instance", first.id(),
                        "prediction", first.references().get(0))));
            }
        }
        Files.write(predictions, lines);
        List<String> eval = List.of("eval", "--backend", "replay", "--predictions", predictions.toString(), "--limit",
                "2", "--no-html", "--quiet", "--out");
        shards = new ArrayList<>();
        for (String shard : List.of("1/2", "2/2")) {
            Path out = shared.resolve("shard-" + shard.charAt(0));
            List<String> args = new ArrayList<>(eval);
            args.addAll(List.of(out.toString(), "--shard", shard));
            assertEquals(0, harness(shared, args).code());
            shards.add(onlyChild(out));
        }
        List<String> args = new ArrayList<>(eval);
        args.add(shared.resolve("whole").toString());
        assertEquals(0, harness(shared, args).code());
        runDir = onlyChild(shared.resolve("whole"));

        VALID.put("plugins", List.of());
        VALID.put("tasks", List.of("--quiet"));
        VALID.put("run", List.of("--out", "out", "--quiet"));
        VALID.put("eval", List.of("--out", "out", "--quiet"));
        VALID.put("tune", List.of("--out", "out", "--quiet"));
        VALID.put("report", List.of(runDir.toString()));
        VALID.put("merge", List.of(shards.get(0).toString(), shards.get(1).toString(), "--out", "out"));
        VALID.put("score", List.of("--model", "embedded", "--context", "a", "--continuation", "b"));
        VALID.put("generate", List.of("--model", "embedded", "--prompt", "a"));
        VALID.put("bench", List.of());
        VALID.put("serve", List.of("--model", "embedded", "--port", "0"));
        VALID.put("data", List.of("get", "niv2", "--out", "out"));
    }

    @Test
    void everyCommandIsCovered() {
        Set<String> commands = new TreeSet<>();
        Commands.all().forEach(c -> commands.add(c.name()));
        assertEquals(commands, VALID.keySet(), "list the arguments that make each command valid in VALID");
        // the derived cases see every option, those of delegates too
        assertTrue(declaredOptions(new RunCommand()).containsAll(List.of("--backend", "--task-option", "--steps",
                "--out", "--metrics", "--help")), declaredOptions(new RunCommand()).toString());
    }

    @TestFactory
    Stream<DynamicTest> everyUsageErrorExitsTwoWithOneLineAndWritesNothing() {
        List<Case> cases = new ArrayList<>();
        for (CliCommand command : Commands.all()) {
            cases.addAll(derived(command.name(), declaredOptions(command)));
        }
        cases.addAll(specific());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(),
                () -> assertTimeoutPreemptively(Duration.ofMinutes(2), () -> check(c))));
    }

    /** The cases every command gets from the options it declares. */
    private static List<Case> derived(String command, Set<String> options) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(command, List.of("--no-such-flag"), List.of("unknown option '--no-such-flag'", "known: ")));
        Map<String, String> plugins = Map.of("--backend", "model-backend", "--tune-backend", "model-backend",
                "--format", "prompt-format", "--metrics", "metric");
        plugins.forEach((option, kind) -> {
            if (options.contains(option)) {
                cases.add(new Case(command, List.of(option, "nosuch"),
                        List.of("no " + kind + " plugin named 'nosuch'", "available: ")));
            }
        });
        if (options.contains("--tasks")) {
            cases.add(new Case(command, List.of("--tasks", "nosuchkind=X"),
                    List.of("no task-categories plugin named 'nosuchkind'", "available: ", "synthetic")));
        }
        if (options.contains("--backend-option")) {
            cases.add(new Case(command, List.of("--backend-option", "nosuch=1"),
                    List.of("unknown --backend-option 'nosuch'", "known: ", "threads")));
            cases.add(new Case(command, List.of("--backend-option", "threads=x"),
                    List.of("--backend-option threads='x'", "expected integer")));
        }
        if (options.contains("--task-option")) {
            cases.add(new Case(command, List.of("--task-option", "nosuch=1"),
                    List.of("unknown --task-option 'nosuch'", "known: instances")));
            cases.add(new Case(command, List.of("--task-option", "instances=x"),
                    List.of("--task-option instances='x'", "expected integer")));
        }
        if (options.contains("--seed")) {
            cases.add(new Case(command, List.of("--seed", "x"), List.of("--seed", "\"x\"")));
        }
        if (options.contains("--device")) {
            cases.add(new Case(command, List.of("--device", "nosuch"), List.of("--device 'nosuch'", "expected cpu")));
        }
        return cases;
    }

    /** Bad values of the options only some commands take. */
    private static List<Case> specific() {
        return List.of(
                new Case("run", List.of("--limit", "-1"), List.of("--limit", "-1")),
                new Case("run", List.of("--steps", "0"), List.of("--steps", "0")),
                new Case("run", List.of("--lr", "Infinity"), List.of("--lr", "Infinity")),
                new Case("run", List.of("--shots", "-1"), List.of("--shots", "-1")),
                new Case("run", List.of("--max-new-tokens", "0"), List.of("--max-new-tokens", "0")),
                new Case("run", List.of("--headline-metric", "nosuch"), List.of("--headline-metric nosuch",
                        "rouge_l")),
                new Case("run", List.of("--shard", "3/2", "--tuned", "x"), List.of("--shard 3/2")),
                new Case("run", List.of("--tune-backend", "replay"), List.of("'replay' cannot tune")),
                new Case("eval", List.of("--limit", "-1"), List.of("--limit", "-1")),
                new Case("eval", List.of("--max-new-tokens", "0"), List.of("--max-new-tokens", "0")),
                new Case("eval", List.of("--shard", "0/2"), List.of("--shard 0/2")),
                new Case("tune", List.of("--steps", "0"), List.of("--steps", "0")),
                new Case("tune", List.of("--lr", "Infinity"), List.of("--lr", "Infinity")),
                new Case("tune", List.of("--batch-size", "0"), List.of("--batch-size", "0")),
                // tune evaluates nothing: the evaluation options are not its own
                new Case("tune", List.of("--limit", "5"), List.of("unknown option '--limit'", "known: ")),
                new Case("tasks", List.of("--show", "-1"), List.of("--show", "-1")),
                new Case("generate", List.of("--max-new-tokens", "0"), List.of("--max-new-tokens", "0")),
                new Case("serve", List.of("--model", "embedded", "--port", "70000"), List.of("--port", "70000"), true),
                new Case("serve", List.of("--max-batch", "0"), List.of("--max-batch", "0")),
                new Case("bench", List.of("--threads", "0"), List.of("--threads", "0")),
                new Case("bench", List.of("--repeats", "0"), List.of("--repeats", "0")),
                new Case("bench", List.of("--serving", "--model", "embedded", "--clients", "0"),
                        List.of("--clients", "0")),
                // the backend's own workloads load no model: model options without --serving would be ignored
                new Case("bench", List.of("--model", "embedded"), List.of("--model", "only with --serving")),
                new Case("report", List.of("--headline-metric", "nosuch"), List.of("--headline-metric 'nosuch'",
                        "reported: ")),
                new Case("data", List.of("--from", "ftp://x"), List.of("--from", "ftp://x")),
                new Case("data", List.of("get", "nosuch", "--out", "out"), List.of("no data set named 'nosuch'",
                        "known: ", "niv2"), true));
    }

    private static void check(Case c) throws IOException {
        Path work = shared.resolve("work-" + workDirs++);
        Files.createDirectories(work);
        Map<String, String> before = snapshot(shared.resolve("whole"));
        before.putAll(snapshot(shared.resolve("shard-1")));
        List<String> args = new ArrayList<>(List.of(c.command()));
        args.addAll(c.alone() ? List.of() : VALID.get(c.command()));
        args.addAll(c.args());
        Outcome outcome = harness(work, args);
        List<String> lines = outcome.err().lines().toList();
        assertEquals(Main.USAGE, outcome.code(), String.join("\n", lines));
        assertEquals(1, lines.size(), "one line: " + lines);
        for (String says : c.says()) {
            assertTrue(lines.get(0).contains(says), "'" + says + "' in: " + lines.get(0));
        }
        assertEquals("", outcome.out());
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "nothing written in the working directory");
        }
        Map<String, String> after = snapshot(shared.resolve("whole"));
        after.putAll(snapshot(shared.resolve("shard-1")));
        assertEquals(before, after, "the run directories read are left as they were");
    }

    /** The options of a command, as {@code harness COMMAND --help} finds them. */
    private static Set<String> declaredOptions(CliCommand command) {
        JCommander parser = JCommander.newBuilder().addCommand(command.name(), new CommandOptions(command)).build();
        parser.parse(command.name(), "--help");
        Set<String> names = new TreeSet<>();
        for (ParameterDescription option : parser.getCommands().get(command.name()).getParameters()) {
            names.addAll(Arrays.asList(option.getNames().split(",\\s*")));
        }
        return names;
    }

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome harness(Path workDir, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), workDir).run(args.toArray(String[]::new));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path onlyChild(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> all = children.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    /** Every file under {@code dir} with its size and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(file.toString(), Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
            }
        }
        return files;
    }
}
