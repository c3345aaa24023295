package org.imlbench.harness.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import com.beust.jcommander.ParameterException;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imlbench.api.UsageException;
import org.imlbench.files.IoErrors;
import org.imlbench.harness.plugins.PluginFailure;
import org.imlbench.harness.plugins.PluginLoadException;
import org.imlbench.harness.plugins.PluginRegistry;

/**
 * The {@code harness} command line: parses the global options and the subcommand (JCommander), discovers plugins,
 * runs the command and maps the outcome to an exit code (0 success, 1 failure, 2 usage error).
 */
public final class Main {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure, reported on one line on stderr. */
    public static final int FAILURE = 1;
    /** Exit code for bad arguments. */
    public static final int USAGE = 2;
    /** Environment variable with more plugin directories, separated by {@link File#pathSeparator}. */
    public static final String PLUGINS_ENV = "IMLBENCH_PLUGINS";

    private static final String PROGRAM = "harness";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path workDir;
    private final Supplier<List<CliCommand>> commandSupplier;

    /**
     * A CLI with the commands of {@link Commands#all()}.
     *
     * @param out standard output
     * @param err standard error
     * @param env the environment ({@value #PLUGINS_ENV} is read from it)
     * @param workDir the directory relative paths are resolved against
     */
    public Main(PrintStream out, PrintStream err, Map<String, String> env, Path workDir) {
        this(out, err, env, workDir, Commands::all);
    }

    /**
     * A CLI with other commands (for tests).
     *
     * @param out standard output
     * @param err standard error
     * @param env the environment ({@value #PLUGINS_ENV} is read from it)
     * @param workDir the directory relative paths are resolved against
     * @param commands makes fresh instances of the commands, for each {@link #run}
     */
    public Main(PrintStream out, PrintStream err, Map<String, String> env, Path workDir,
                Supplier<List<CliCommand>> commands) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.workDir = workDir;
        this.commandSupplier = commands;
    }

    /**
     * Runs the CLI and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // a worker thread that runs out of heap says so in the same one line as the command would, no stack trace
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError) {
                System.err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace();
            }
        });
        int code = new Main(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath()).run(args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs the CLI.
     *
     * @param args the command line
     * @return the exit code
     */
    public int run(String... args) {
        GlobalOptions globals = new GlobalOptions();
        Map<String, CliCommand> commands = new LinkedHashMap<>();
        Map<String, CommandOptions> options = new LinkedHashMap<>();
        JCommander parser = JCommander.newBuilder().programName(PROGRAM).addObject(globals).build();
        for (CliCommand command : commandSupplier.get()) {
            CommandOptions wrapped = new CommandOptions(command);
            commands.put(command.name(), command);
            options.put(command.name(), wrapped);
            parser.addCommand(command.name(), wrapped);
        }
        String problem = null;
        try {
            parser.parse(args);
        } catch (ParameterException e) {
            problem = usageMessage(parser, e);
        }
        // an unknown option comes first: a missing required option may only be the misspelt one
        problem = unknownOption(parser).orElse(problem);
        if (problem != null) {
            String command = parser.getParsedCommand();
            err.println(PROGRAM + ": " + problem + " (see '" + PROGRAM + (command == null ? "" : " " + command)
                    + " --help')");
            return USAGE;
        }
        String name = parser.getParsedCommand();
        if (globals.help) {
            out.print(UsageText.overview(PROGRAM, parser, commands));
            return OK;
        }
        if (name == null) {
            err.println(PROGRAM + ": no command given (see '" + PROGRAM + " --help')");
            return USAGE;
        }
        if (options.get(name).help()) {
            out.print(UsageText.command(PROGRAM, commands.get(name), parser.getCommands().get(name)));
            return OK;
        }
        return execute(commands.get(name), globals);
    }

    private int execute(CliCommand command, GlobalOptions globals) {
        try {
            PluginRegistry plugins = PluginRegistry.discover(pluginDirs(globals), globals.strict);
            for (PluginFailure failure : plugins.failures()) {
                err.println("plugin error: " + failure);
            }
            return command.run(new CliContext(plugins, out, err, globals.verbose, workDir));
        } catch (UsageException | ParameterException e) {
            err.println(PROGRAM + " " + command.name() + ": " + oneLine(e.getMessage()) + " (see '" + PROGRAM + " "
                    + command.name() + " --help')");
            return USAGE;
        } catch (PluginLoadException e) {
            err.println(oneLine(e.getMessage()));
            verboseTrace(e, globals);
            return FAILURE;
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            return FAILURE;
        } catch (Exception | LinkageError e) {
            err.println("error: " + describe(e));
            verboseTrace(e, globals);
            return FAILURE;
        } finally {
            out.flush();
        }
    }

    private void verboseTrace(Throwable e, GlobalOptions globals) {
        if (globals.verbose) {
            e.printStackTrace(err);
        }
    }

    private List<Path> pluginDirs(GlobalOptions globals) {
        List<Path> dirs = new ArrayList<>();
        globals.pluginDirs.forEach(dir -> dirs.add(workDir.resolve(dir)));
        String fromEnv = env.get(PLUGINS_ENV);
        if (fromEnv != null) {
            for (String dir : fromEnv.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(workDir.resolve(dir.strip()));
                }
            }
        }
        return dirs;
    }

    /**
     * One line for a command that ran out of heap: how much there was and how to give more. (By the time this is
     * built, the command's data is garbage, so a few strings fit.)
     *
     * @param maxHeap {@link Runtime#maxMemory()}
     * @return the line
     */
    static String outOfMemory(long maxHeap) {
        long mib = maxHeap / (1024 * 1024);
        long more = Math.max(1024, Math.round(mib * 2 / 1024.0) * 1024);
        return "error: out of memory: the Java heap of " + mib + " MiB is full; give the JVM more, e.g. JAVA_OPTS=-Xmx"
                + more / 1024 + "g " + PROGRAM + " ... (the launcher passes JAVA_OPTS to java)";
    }

    /**
     * An option that the command does not declare but takes arguments (report's RUN_DIR) is read as an argument by
     * JCommander: the first argument that looks like an option is named as an unknown option.
     *
     * @param parser the parser, after parsing
     * @return the message, if the command's arguments hold an option
     */
    private static Optional<String> unknownOption(JCommander parser) {
        String command = parser.getParsedCommand();
        if (command == null) {
            return Optional.empty();
        }
        JCommander scope = parser.getCommands().get(command);
        ParameterDescription arguments = scope.getMainParameterValue();
        if (arguments == null || !(arguments.getParameterized().get(arguments.getObject()) instanceof List<?> values)) {
            return Optional.empty();
        }
        return values.stream().map(String::valueOf).filter(Main::isOption).findFirst()
                .map(option -> unknownOption(scope, option));
    }

    private static String unknownOption(JCommander scope, String option) {
        Set<String> known = new TreeSet<>();
        for (ParameterDescription declared : scope.getParameters()) {
            if (!declared.getParameter().hidden()) {
                known.add(declared.getLongestName());
            }
        }
        return "unknown option '" + option + "' (known: " + String.join(", ", known) + ")";
    }

    private static boolean isOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1;
    }

    /** JCommander's message, reworded where it talks about its own internals. */
    private static String usageMessage(JCommander parser, ParameterException e) {
        String message = oneLine(e.getMessage());
        Matcher global = Pattern.compile("Expected a command, got (.*)").matcher(message);
        if (global.matches() && isOption(global.group(1))) {
            return unknownOption(parser, global.group(1));
        }
        Matcher unknown = Pattern.compile("Was passed main parameter '(.*)' but no main parameter was defined.*")
                .matcher(message);
        if (!unknown.matches()) {
            return message;
        }
        String command = parser.getParsedCommand();
        JCommander scope = command == null ? parser : parser.getCommands().get(command);
        return isOption(unknown.group(1)) ? unknownOption(scope, unknown.group(1))
                : "unexpected argument '" + unknown.group(1) + "'";
    }

    /** The message, or the exception's class when there is none; always one line. */
    static String describe(Throwable e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null && fs.getReason() == null) {
            // e.g. AccessDeniedException, whose message is only the path: say why too
            return oneLine(fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "") + ": "
                    + IoErrors.reason(fs));
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            return cause != null && cause != e ? describe(cause) : e.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
