package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.UsageException;
import org.imlbench.harness.run.RunLauncher;

/**
 * {@code harness merge}: joins the run directories of an evaluation's shards ({@code --shard K/N}) into one run
 * directory equal to an unsharded run's, and writes its summaries and reports.
 */
@Parameters(commandNames = MergeCommand.NAME, commandDescription = "Join the run directories of every shard of one "
        + "evaluation (--shard K/N) into one run directory, equal to an unsharded run's in every figure, and write "
        + "its summary and reports. Refuses shards of different configurations, overlapping or missing shards.")
public final class MergeCommand implements CliCommand {
    static final String NAME = "merge";

    @Parameter(description = "RUN_DIR...", required = true)
    private List<String> shards = new ArrayList<>();
    @Parameter(names = "--out", description = "The merged run directory (new or empty)", required = true)
    private String out;
    @Parameter(names = "--no-html", description = "Write summary.json, summary.md and the Allure results, but not "
            + "the HTML reports")
    private boolean noHtml;

    /** Creates the command; JCommander fills its options. */
    public MergeCommand() {
        // fields are set by JCommander
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(CliContext context) throws Exception {
        if (shards.size() < 2) {
            throw new UsageException("give the run directories of at least two shards");
        }
        List<Path> dirs = shards.stream().map(s -> context.workDir().resolve(s).normalize()).toList();
        Path target = context.workDir().resolve(out).normalize();
        RunLauncher launcher = new RunLauncher(context.plugins(), context.workDir(), context.out(), context.err());
        int merged = launcher.merge(dirs, target, !noHtml);
        context.out().println("merged " + merged + " task results of " + dirs.size() + " shards into " + target);
        return Main.OK;
    }
}
