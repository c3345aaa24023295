package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.nio.file.Path;
import org.imlbench.api.TuningConfig;
import org.imlbench.harness.run.RunConfig;
import org.imlbench.harness.run.RunLauncher;
import org.imlbench.harness.run.RunOptions;
import org.imlbench.harness.run.TuningOptions;

/** {@code harness run}: evaluate the base model on every split, tune it, evaluate the tuned model, report. */
@Parameters(commandNames = "run", commandDescription = "Evaluate the untuned model on every generalization split, "
        + "instruction-tune it, evaluate the tuned model and write the run directory and per-split reports. With no "
        + "options: synthetic tasks, the embedded model, CPU.")
public final class RunCommand implements CliCommand {
    @ParametersDelegate
    private RunOptions options = new RunOptions();
    @ParametersDelegate
    private TuningOptions tuning = new TuningOptions();
    @Parameter(names = "--tuned", description = "Compare --model against this existing tuned model instead of tuning")
    private String tuned;
    @Parameter(names = "--out", description = "Folder for run directories")
    private String out = "runs";
    @Parameter(names = "--config", description = "Read the configuration of an earlier run (its run.json); options "
            + "given here override it")
    private String config;
    @Parameter(names = "--resume", description = "Finish an interrupted run directory, keeping its finished work")
    private String resume;
    @Parameter(names = "--no-html", description = "Write Allure results but do not generate HTML reports")
    private boolean noHtml;
    @Parameter(names = "--quiet", description = "No progress bars")
    private boolean quiet;

    @Override
    public String name() {
        return "run";
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
        String tunedModel = tuned != null ? tuned : base == null ? null : base.tuned();
        RunConfig draft = options.resolve("run", base, tunedModel, null);
        TuningConfig recipe = tunedModel != null ? null : tuning.resolve(base == null ? null : base.tuning(),
                RunOptions.EMBEDDED_MODEL.equals(draft.model()), draft.seed());
        RunConfig resolved = options.resolve("run", base, tunedModel, recipe);
        Path runDir = resumeDir != null ? resumeDir
                : RunLauncher.newRunDirectory(context.workDir().resolve(out), resolved);
        Path done = launcher.launch(resolved, runDir, !quiet, !noHtml);
        context.out().println("run directory: " + done);
        return 0;
    }
}
