package org.imlbench.harness.cli;

import java.util.List;

/** The subcommands of {@code harness}, in the order {@code harness --help} lists them. */
public final class Commands {
    private Commands() {
    }

    /** @return a fresh instance of every subcommand (one line each) */
    public static List<CliCommand> all() {
        return List.of(
                new PluginsCommand(),
                new RunCommand(),
                new TuneCommand(),
                new EvalCommand(),
                new TasksCommand(),
                new DataCommand(),
                new ReportCommand(),
                new MergeCommand(),
                new ScoreCommand(),
                new GenerateCommand(),
                new BenchCommand(),
                new ServeCommand()
        );
    }
}
