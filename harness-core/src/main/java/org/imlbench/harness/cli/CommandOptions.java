package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;

/**
 * What JCommander parses for one subcommand: the command's own fields plus {@code --help}, so that commands need
 * not declare {@code --help} themselves.
 */
final class CommandOptions {
    @ParametersDelegate
    private final Object command;

    @Parameter(names = {"--help", "-h"}, help = true, description = "Show this command's help.")
    private boolean help;

    CommandOptions(CliCommand command) {
        this.command = command;
    }

    boolean help() {
        return help;
    }
}
