package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.imlbench.api.UsageException;
import org.imlbench.reports.AllureResults;
import org.imlbench.reports.HeadlineTable;
import org.imlbench.reports.ReportSite;
import org.imlbench.reports.RunSummary;
import org.imlbench.reports.Summaries;
import org.imlbench.rundir.RunLayout;

/**
 * {@code harness report RUN_DIR}: (re)writes the run's summary and Allure results from its samples, then generates
 * the HTML report of every split and the index page, carrying history from a previous site (see docs/reports.md).
 */
@Parameters(commandNames = ReportCommand.NAME, commandDescription = "Summarise a run directory and generate its "
        + "HTML reports (one Allure report per split and an index page). --publish SITE updates a site in place, "
        + "keeping its history so that trends accumulate.")
public final class ReportCommand implements CliCommand {
    static final String NAME = "report";

    @Parameter(description = "RUN_DIR", required = true)
    private List<String> runDir;

    @Parameter(names = "--publish", description = "Write or update this site folder (history carried from it) "
            + "instead of RUN_DIR/site")
    private String publish;

    @Parameter(names = "--history-from", description = "Carry history from this previously generated site "
            + "(e.g. the one deployed now); a missing folder means no history yet")
    private String historyFrom;

    @Parameter(names = "--headline-metric", description = "Judge every task by this metric and aggregate categories "
            + "and splits by it, instead of the run's own choice")
    private String headlineMetric;

    @Parameter(names = "--single-file", description = "Generate each split report as one self-contained HTML file "
            + "(carries no history for later runs)")
    private boolean singleFile;

    /** Creates the command; JCommander fills its options. */
    public ReportCommand() {
        // fields are set by JCommander
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(CliContext context) throws Exception {
        if (runDir == null || runDir.size() != 1) {
            throw new UsageException("give exactly one RUN_DIR (a folder with run.json), e.g. runs/20261126-143012-"
                    + "embedded");
        }
        Path run = context.workDir().resolve(runDir.get(0)).normalize();
        if (!Files.isRegularFile(new RunLayout(run).runJson())) {
            throw new UsageException(run + " is not a run directory: it has no run.json");
        }
        Optional<Path> site = Optional.ofNullable(publish).map(p -> context.workDir().resolve(p).normalize());
        Optional<Path> previous = Optional.ofNullable(historyFrom).map(p -> context.workDir().resolve(p).normalize());
        if (previous.isPresent() && !Files.isDirectory(previous.get())) {
            context.err().println("report: no previous site at " + previous.get() + "; the reports start a new "
                    + "history");
        }
        RunSummary summary = Summaries.write(run, Optional.ofNullable(headlineMetric));
        AllureResults.write(run, summary);
        context.err().println("report: generating " + summary.splitNames().size() + " Allure report(s) ...");
        Path generated = ReportSite.generate(run, site, previous, singleFile);
        context.out().print(new TextTable(HeadlineTable.header(summary), HeadlineTable.rows(summary)).render());
        context.out().println("summary: " + new RunLayout(run).summaryMarkdown());
        context.out().println("site:    " + generated.resolve("index.html"));
        return Main.OK;
    }
}
