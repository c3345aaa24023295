package org.imlbench.harness.cli;

import org.imlbench.api.UsageException;

/**
 * One subcommand of {@code harness}. Implementations are JCommander command objects: annotate the class with
 * {@code @Parameters(commandNames = "...", commandDescription = "...")} and its fields with {@code @Parameter};
 * JCommander fills them before {@link #run} is called. {@code --help} is added to every command by {@link Main}.
 * List new commands in {@link Commands#all()}.
 */
public interface CliCommand {
    /** @return the command name, the same as in {@code @Parameters(commandNames)} */
    String name();

    /**
     * Runs the command with its fields filled in.
     *
     * @param context the discovered plugins, the output streams and the global options
     * @return the exit code: 0 for success, 1 for a failure the command has already reported
     * @throws UsageException for bad arguments (exit code 2)
     * @throws Exception for any other failure (exit code 1; its message is printed on one line)
     */
    int run(CliContext context) throws Exception;
}
