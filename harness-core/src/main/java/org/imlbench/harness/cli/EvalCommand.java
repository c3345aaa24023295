package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.nio.file.Path;
import org.imlbench.api.UsageException;
import org.imlbench.harness.run.EvaluationOptions;
import org.imlbench.harness.run.RunConfig;
import org.imlbench.harness.run.RunDirectoryOptions;
import org.imlbench.harness.run.RunLauncher;
import org.imlbench.harness.run.RunOptions;
import org.imlbench.rundir.RunMode;

/** {@code harness eval}: evaluate one model on the given tasks (no splits, no tuning), with run's outputs. */
@Parameters(commandNames = "eval", commandDescription = "Evaluate one model on every instance of the given tasks "
        + "(no splits, no tuning) and write a run directory, summary and report.")
public final class EvalCommand implements CliCommand {
    @ParametersDelegate
    private RunOptions options = new RunOptions();
    @ParametersDelegate
    private EvaluationOptions evaluation = new EvaluationOptions();
    @ParametersDelegate
    private RunDirectoryOptions directory = new RunDirectoryOptions();
    @Parameter(names = "--predictions", description = "With --backend replay: the JSONL file of recorded predictions")
    private String predictions;

    @Override
    public String name() {
        return RunMode.EVAL.id();
    }

    @Override
    public int run(CliContext context) throws Exception {
        RunLauncher launcher = new RunLauncher(context.plugins(), context.workDir(), context.out(), context.err());
        RunConfig base;
        try {
            base = directory.baseConfig(launcher, context.workDir());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (predictions != null) {
            Path file = context.workDir().resolve(predictions);
            options.backendOption("predictions", file.toString());
            if (options.model() == null) {
                options.model(file.getFileName().toString());
            }
        }
        RunConfig resolved = options.resolve(context.plugins(), RunMode.EVAL, base, null, null, evaluation);
        context.out().println("run directory: " + directory.launch(launcher, context.workDir(), resolved));
        return 0;
    }
}
