package org.imlbench.reports.allure;

import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.imlbench.reports.RoleResult;
import org.imlbench.reports.RunSummary;
import org.imlbench.reports.TaskSummary;
import org.imlbench.rundir.Split;

/** Writes one split's Allure results directory: a test result per task, attachments and the report-wide files. */
public final class AllureSplitWriter {
    private final Map<String, String> environment;

    /**
     * Creates a writer.
     *
     * @param environment the process environment ({@code executor.json} describes GitHub Actions runs)
     */
    public AllureSplitWriter(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Writes a split's results into an empty (or new) directory.
     *
     * @param runDir the run directory (sample files are attached from there)
     * @param summary the run's summary
     * @param split the split
     * @param results the results directory
     * @throws IOException when a file cannot be written
     */
    public void write(Path runDir, RunSummary summary, Split split, Path results) throws IOException {
        Files.createDirectories(results);
        FileSystemResultsWriter writer = new FileSystemResultsWriter(results);
        String runId = summary.run().id();
        String chart = StableIds.uuid(runId, split.id(), "chart") + "-attachment.png";
        writer.write(chart, new ByteArrayInputStream(new CategoryChartRenderer().render(summary, split)));
        long timestamp = timestamp(summary);
        TaskResultFactory factory = new TaskResultFactory();
        for (TaskSummary task : summary.tasksOf(split)) {
            Map<String, String> samples = new TreeMap<>();
            for (RoleResult result : task.results().values()) {
                if (result.samplesFile() != null) {
                    String source = StableIds.uuid(runId, split.id(), task.task(), result.role()) + "-attachment.jsonl";
                    try (InputStream in = Files.newInputStream(runDir.resolve(result.samplesFile()))) {
                        writer.write(source, in);
                    }
                    samples.put(result.role(), source);
                }
            }
            TestResult result = factory.create(summary, task, new TaskResultFactory.Attachments(samples, chart),
                    timestamp);
            writer.write(result);
        }
        new EnvironmentFiles().write(results, summary.run(), split.id(), environment);
    }

    /** The run's start, as every result's time: the run directory records no per-task timing. */
    private static long timestamp(RunSummary summary) {
        String created = summary.run().created();
        if (created != null) {
            try {
                return Instant.parse(created).toEpochMilli();
            } catch (DateTimeParseException e) {
                // fall through: an unparseable time is shown as the epoch rather than failing the report
            }
        }
        return 0L;
    }
}
