package org.imlbench.harness.run;

import com.beust.jcommander.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import org.imlbench.api.TaskLoadException;
import org.imlbench.harness.splits.LeakageException;

/**
 * Where a {@code run} or {@code eval} writes, and whether it starts from an earlier run: the options both commands
 * share, with the rules that tie them together.
 */
public final class RunDirectoryOptions {
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

    /**
     * The configuration to start from: that of the run being resumed, or of {@code --config}, or none.
     *
     * @param launcher reads run.json files
     * @param workDir the directory relative paths are resolved against
     * @return the configuration, or null
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when both {@code --resume} and {@code --config} are given
     */
    public RunConfig baseConfig(RunLauncher launcher, Path workDir) throws IOException {
        if (resume != null && config != null) {
            throw new IllegalArgumentException("give either --resume RUN_DIR or --config FILE, not both");
        }
        if (resume != null) {
            return launcher.readConfig(workDir.resolve(resume));
        }
        return config == null ? null : launcher.readConfig(workDir.resolve(config));
    }

    /**
     * Runs the pipeline in the resumed directory, or in a new one under {@code --out}.
     *
     * @param launcher the launcher
     * @param workDir the directory relative paths are resolved against
     * @param resolved the resolved configuration
     * @return the run directory
     * @throws IOException when the run fails
     * @throws TaskLoadException when a task source cannot be read
     * @throws LeakageException when an evaluation input equals a training input and overlap is not allowed
     */
    public Path launch(RunLauncher launcher, Path workDir, RunConfig resolved) throws IOException,
            TaskLoadException, LeakageException {
        Path runDir = resume != null ? workDir.resolve(resume)
                : RunLauncher.newRunDirectory(workDir.resolve(out), resolved);
        return launcher.launch(resolved, runDir, !quiet, !noHtml);
    }
}
