package org.imlbench.harness.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the repository's launcher script in a fresh JVM, on the runtime image the package phase built, and never lets
 * it build (IMLBENCH_NO_BUILD=1): a test must not start Maven inside Maven.
 */
final class Launcher {
    private static final long TIMEOUT_SECONDS = 180;
    /** The embedded default run (evaluate, tune, evaluate, report) gets longer. */
    static final long RUN_TIMEOUT_SECONDS = 1200;

    private final Path repo;
    private final Path script;
    private final Path modules;

    private Launcher(Path repo, Path script, Path modules) {
        this.repo = repo;
        this.script = script;
        this.modules = modules;
    }

    /** The output of one run. */
    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * Finds the repository, its launcher and the harness module's runtime image.
     *
     * @return the launcher
     * @throws AssertionError when the runtime image has not been built
     */
    static Launcher locate() throws IOException {
        Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path repo = System.getProperty("imlbench.repo") != null
                ? Path.of(System.getProperty("imlbench.repo")).toAbsolutePath() : module.getParent();
        Path script = repo.resolve("harness");
        Path modules = module.resolve("target/modules");
        if (!Files.isRegularFile(script)) {
            throw new AssertionError("no launcher script at " + script);
        }
        try (Stream<Path> jars = Files.list(modules)) {
            if (jars.noneMatch(jar -> jar.getFileName().toString().startsWith("imlbench-harness-"))) {
                throw new AssertionError("no harness jar in " + modules);
            }
        } catch (NoSuchFileException e) {
            throw new AssertionError("the runtime image " + modules + " is missing: run ./mvnw -B verify, whose "
                    + "package phase builds it before these tests", e);
        }
        return new Launcher(repo, script, modules);
    }

    /** @return the API jar in the runtime image, to compile plugins against */
    Path apiJar() throws IOException {
        try (Stream<Path> jars = Files.list(modules)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("imlbench-api-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no imlbench-api jar in " + modules));
        }
    }

    /** @return the folder of jars the launcher puts on the module path */
    Path modules() {
        return modules;
    }

    /** @return the folder of jars the launcher puts on the class path */
    Path classpath() {
        return modules.resolveSibling("classpath");
    }

    /**
     * Runs any command (not the launcher) and collects its output.
     *
     * @param command the command line
     * @return its exit code and output
     */
    Result exec(List<String> command) throws IOException, InterruptedException {
        return start(new ProcessBuilder(command).directory(repo.toFile()), command);
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(TIMEOUT_SECONDS, env, args);
    }

    Result run(long timeoutSeconds, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = command(args);
        return start(builder(command, env), command, timeoutSeconds);
    }

    /**
     * Starts the launcher without waiting: the caller reads its output as it comes and may kill it (the script execs
     * java, so the process is the JVM itself once it runs).
     *
     * @param env extra environment
     * @param args the arguments
     * @return the process, stderr merged into stdout
     */
    Process start(Map<String, String> env, String... args) throws IOException {
        return builder(command(args), env).redirectErrorStream(true).start();
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private ProcessBuilder builder(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
        builder.environment().remove("IMLBENCH_PLUGINS");
        builder.environment().put("IMLBENCH_NO_BUILD", "1");
        builder.environment().putAll(env);
        return builder;
    }

    /**
     * Starts the launcher and leaves it running (a server), its stdout readable, its stderr in {@code err}.
     *
     * @param err where stderr goes
     * @param args the command line after {@code harness}
     * @return the process; the caller stops it
     */
    Process spawn(Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectError(err.toFile());
        builder.environment().remove("IMLBENCH_PLUGINS");
        builder.environment().put("IMLBENCH_NO_BUILD", "1");
        return builder.start();
    }

    private Result start(ProcessBuilder builder, List<String> command) throws IOException, InterruptedException {
        return start(builder, command, TIMEOUT_SECONDS);
    }

    private Result start(ProcessBuilder builder, List<String> command, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("launcher did not finish within " + timeoutSeconds + " s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
