package org.imlbench.reports;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.imlbench.files.AtomicFiles;
import org.imlbench.reports.io.Json;
import org.imlbench.reports.summary.SummaryBuilder;
import org.imlbench.reports.summary.SummaryMarkdown;
import org.imlbench.rundir.RunLayout;
import org.imlbench.rundir.RunReader;

/**
 * Summarises a run directory into {@code summary.json} and {@code summary.md}. Deterministic: the same samples and
 * seed give byte-identical files. See {@code docs/reports.md} for the statistics.
 */
public final class Summaries {

    private Summaries() {
    }

    /**
     * Reads {@code run.json}, {@code samples/**.jsonl} and {@code tasks/**.done}, then writes {@code summary.json}
     * and {@code summary.md} atomically.
     *
     * @param runDir the run directory
     * @return the summary that was written
     * @throws IOException when a file cannot be read or written, or breaks the run-directory contract (the message
     *                     names the file and line)
     */
    public static RunSummary write(Path runDir) throws IOException {
        return write(runDir, Optional.empty());
    }

    /**
     * Like {@link #write(Path)}, judging every task by another metric than the run chose.
     *
     * @param runDir the run directory
     * @param headlineMetric the metric categories and splits aggregate ({@code harness report --headline-metric}),
     *                       or empty for the run's own choice
     * @return the summary that was written
     * @throws IOException when a file cannot be read or written, or breaks the run-directory contract
     */
    public static RunSummary write(Path runDir, Optional<String> headlineMetric) throws IOException {
        RunSummary summary = new SummaryBuilder().build(new RunReader().read(runDir), headlineMetric);
        AtomicFiles.write(new RunLayout(runDir).summaryJson(), Json.mapper().writeValueAsBytes(summary));
        AtomicFiles.writeString(new RunLayout(runDir).summaryMarkdown(), new SummaryMarkdown().render(summary));
        return summary;
    }

    /**
     * Reads back a {@code summary.json} written by {@link #write(Path)}.
     *
     * @param runDir the run directory
     * @return the summary
     * @throws IOException when it is missing or unreadable
     */
    public static RunSummary read(Path runDir) throws IOException {
        Path file = new RunLayout(runDir).summaryJson();
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing; summarise the run first (Summaries.write or harness report)");
        }
        try {
            return Json.mapper().readValue(file.toFile(), RunSummary.class);
        } catch (JacksonException e) {
            throw new IOException(file + ": not a summary written by imlbench: " + e.getOriginalMessage(), e);
        }
    }
}
