package org.imlbench.harness.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.imlbench.reports.AllureResults;
import org.imlbench.reports.ReportSite;
import org.imlbench.reports.RunSummary;
import org.imlbench.reports.Summaries;
import org.imlbench.rundir.RunLayout;

/** Writes a finished run's summary, Allure results and (unless disabled) HTML reports. */
final class ReportWriter implements RunReports {
    private final boolean html;

    /** @param html whether to generate the HTML site with Allure commandline */
    ReportWriter(boolean html) {
        this.html = html;
    }

    @Override
    public void write(Path runDir, PrintStream out) throws IOException {
        RunSummary summary = Summaries.write(runDir);
        AllureResults.write(runDir, summary);
        out.println("summary: " + new RunLayout(runDir).summaryMarkdown());
        if (html) {
            Path site = ReportSite.generate(runDir, Optional.empty(), Optional.empty(), false);
            out.println("reports: " + site.resolve("index.html"));
        }
    }
}
