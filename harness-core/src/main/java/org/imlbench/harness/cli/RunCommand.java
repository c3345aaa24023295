package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.IOException;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.UsageException;
import org.imlbench.harness.run.EvaluationOptions;
import org.imlbench.harness.run.RunConfig;
import org.imlbench.harness.run.RunDirectoryOptions;
import org.imlbench.harness.run.RunLauncher;
import org.imlbench.harness.run.RunOptions;
import org.imlbench.harness.run.TuningOptions;
import org.imlbench.rundir.RunMode;

/** {@code harness run}: evaluate the base model on every split, tune it, evaluate the tuned model, report. */
@Parameters(commandNames = "run", commandDescription = "Evaluate the untuned model on every generalization split, "
        + "instruction-tune it, evaluate the tuned model and write the run directory and per-split reports. With no "
        + "options: synthetic tasks, the embedded model, CPU.")
public final class RunCommand implements CliCommand {
    @ParametersDelegate
    private RunOptions options = new RunOptions();
    @ParametersDelegate
    private EvaluationOptions evaluation = new EvaluationOptions();
    @ParametersDelegate
    private TuningOptions tuning = new TuningOptions();
    @ParametersDelegate
    private RunDirectoryOptions directory = new RunDirectoryOptions();
    @Parameter(names = "--tuned", description = "Compare --model against this existing tuned model instead of tuning")
    private String tuned;
    @Parameter(names = "--tune-backend", description = "Backend that tunes (e.g. torchrun); both models are evaluated "
            + "with --backend, and --backend-option goes to both. Default: --backend")
    private String tuneBackend;

    @Override
    public String name() {
        return RunMode.RUN.id();
    }

    @Override
    public int run(CliContext context) throws Exception {
        RunLauncher launcher = new RunLauncher(context.plugins(), context.workDir(), context.out(), context.err());
        RunConfig base = baseConfig(launcher, context);
        String tunedModel = tuned != null ? tuned : base == null ? null : base.tuned();
        if (tunedModel != null && tuneBackend != null) {
            throw new UsageException("--tune-backend has nothing to tune: --tuned " + tunedModel + " compares an "
                    + "existing model");
        }
        options.tuneBackend(tuneBackend);
        RunConfig draft = options.resolve(context.plugins(), RunMode.RUN, base, tunedModel, null, evaluation);
        TuningConfig recipe = tunedModel != null ? null : tuning.resolve(base == null ? null : base.tuning(),
                RunOptions.EMBEDDED_MODEL.equals(draft.model()), draft.seed());
        RunConfig resolved = options.resolve(context.plugins(), RunMode.RUN, base, tunedModel, recipe, evaluation);
        context.out().println("run directory: " + directory.launch(launcher, context.workDir(), resolved));
        return 0;
    }

    private RunConfig baseConfig(RunLauncher launcher, CliContext context) throws IOException {
        try {
            return directory.baseConfig(launcher, context.workDir());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
