package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.nio.file.Path;
import org.imlbench.harness.run.RunConfig;
import org.imlbench.harness.run.RunLauncher;
import org.imlbench.harness.run.RunOptions;

/** {@code harness eval}: evaluate one model on the given tasks (no splits, no tuning), with run's outputs. */
@Parameters(commandNames = "eval", commandDescription = "Evaluate one model on every instance of the given tasks "
        + "(no splits, no tuning) and write a run directory, summary and report.")
public final class EvalCommand implements CliCommand {
    @ParametersDelegate
    private RunOptions options = new RunOptions();
    @Parameter(names = "--predictions", description = "With --backend replay: the JSONL file of recorded predictions")
    private String predictions;
    @Parameter(names = "--out", description = "Folder for run directories")
    private String out = "runs";
    @Parameter(names = "--config", description = "Read the configuration of an earlier run (its run.json)")
    private String config;
    @Parameter(names = "--resume", description = "Finish an interrupted run directory, keeping its finished work")
    private String resume;
    @Parameter(names = "--no-html", description = "Write Allure results but do not generate HTML reports")
    private boolean noHtml;
    @Parameter(names = "--quiet", description = "No progress bars")
    private boolean quiet;

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public int run(CliContext context) throws Exception {
        RunLauncher launcher = new RunLauncher(context.plugins(), context.workDir(), context.out(), context.err());
        if (resume != null && config != null) {
            throw new UsageException("give either --resume RUN_DIR or --config FILE, not both");
        }
        Path resumeDir = resume == null ? null : context.workDir().resolve(resume);
        RunConfig base = resumeDir != null ? launcher.readConfig(resumeDir)
                : config != null ? launcher.readConfig(context.workDir().resolve(config)) : null;
        if (predictions != null) {
            options.backendOption("predictions", context.workDir().resolve(predictions).toString());
            if (options.model() == null) {
                options.model(context.workDir().resolve(predictions).getFileName().toString());
            }
        }
        RunConfig resolved = options.resolve("eval", base, null, null);
        Path runDir = resumeDir != null ? resumeDir
                : RunLauncher.newRunDirectory(context.workDir().resolve(out), resolved);
        Path done = launcher.launch(resolved, runDir, !quiet, !noHtml);
        context.out().println("run directory: " + done);
        return 0;
    }
}
