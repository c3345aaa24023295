package org.imlbench.harness.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.imlbench.api.TaskLoadException;
import org.imlbench.files.IoErrors;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.splits.LeakageException;
import org.imlbench.rundir.RunLayout;
import org.imlbench.rundir.ShardMerger;

/**
 * What {@code harness run} and {@code harness eval} share around the pipeline: reading {@code --config} and
 * {@code --resume}, naming the run directory, and wiring the pipeline to the task, split and report code.
 */
public final class RunLauncher {
    private final ObjectMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final PluginRegistry plugins;
    private final Path workDir;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param plugins the discovered plugins
     * @param workDir the directory relative task and split paths are resolved against
     * @param out where results and headlines go
     * @param err where progress bars go
     */
    public RunLauncher(PluginRegistry plugins, Path workDir, PrintStream out, PrintStream err) {
        this.plugins = plugins;
        this.workDir = workDir;
        this.out = out;
        this.err = err;
    }

    /**
     * Reads the configuration of an earlier run.
     *
     * @param file a {@code run.json}, or a run directory holding one
     * @return its configuration
     * @throws IOException when it cannot be read; the message names the file
     */
    public RunConfig readConfig(Path file) throws IOException {
        Path runJson = Files.isDirectory(file) ? new RunLayout(file).runJson() : file;
        if (!Files.isRegularFile(runJson)) {
            throw new IOException(runJson + ": no such file");
        }
        try {
            RunManifest manifest = json.readValue(runJson.toFile(), RunManifest.class);
            if (manifest == null || manifest.config() == null) {
                throw new IOException(runJson + ": has no \"config\" object");
            }
            return manifest.config();
        } catch (JacksonException e) {
            throw new IOException(runJson + ": not a run.json: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // bytes that are no Unicode text (Jackson's CharConversionException), or a read error
            throw IoErrors.naming(runJson, "not a run.json", e);
        }
    }

    /**
     * A new run directory name: time stamp and model.
     *
     * @param outRoot the parent folder ({@code --out})
     * @param config the configuration
     * @return a directory that does not exist yet
     */
    public static Path newRunDirectory(Path outRoot, RunConfig config) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String model = Path.of(config.model()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = outRoot.resolve(stamp + "-" + config.command() + "-" + model);
        for (int i = 2; Files.exists(dir); i++) {
            dir = outRoot.resolve(stamp + "-" + config.command() + "-" + model + "-" + i);
        }
        return dir;
    }

    /**
     * Runs the pipeline.
     *
     * @param config the resolved configuration
     * @param runDir the run directory (new, or one being resumed)
     * @param progressBars whether to draw progress bars
     * @param html whether to generate the HTML reports
     * @return the run directory
     * @throws IOException when the run fails
     * @throws TaskLoadException when a task source cannot be read
     * @throws LeakageException when an evaluation input equals a training input and overlap is not allowed
     */
    public Path launch(RunConfig config, Path runDir, boolean progressBars, boolean html) throws IOException,
            TaskLoadException, LeakageException {
        ConsoleProgress progress = new ConsoleProgress(err, progressBars);
        RunPipeline pipeline = new RunPipeline(plugins, new SplitBenchmarkFactory(plugins, workDir, out, progress),
                new ReportWriter(html), progress, out, json);
        return pipeline.run(config, runDir);
    }

    /**
     * Joins the run directories of the shards of one evaluation into one run directory and writes its reports.
     *
     * @param shards the shards' run directories
     * @param runDir the merged run directory (new or empty)
     * @param html whether to generate the HTML reports
     * @return how many (split, role, task) results were merged
     * @throws IOException when a file cannot be read or written
     */
    public int merge(List<Path> shards, Path runDir, boolean html) throws IOException {
        int merged = new ShardMerger(json).merge(shards, runDir);
        new ReportWriter(html).write(runDir, out);
        return merged;
    }
}
