package org.imlbench.reports.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.imlbench.files.AtomicFiles;
import org.imlbench.reports.RunSummary;
import org.imlbench.rundir.Split;

/** Builds a report site: for each split, carry history then run Allure; then the index page. */
public final class ReportSiteBuilder {
    private final AllureCommandline allure;
    private final HistoryCarrier history = new HistoryCarrier();

    /**
     * Creates a builder.
     *
     * @param allure the Allure commandline to generate with
     */
    public ReportSiteBuilder(AllureCommandline allure) {
        this.allure = allure;
    }

    /**
     * Builds the site.
     *
     * @param summary the run's summary
     * @param resultsOf each split's Allure results directory
     * @param site the site folder
     * @param previousSite the site whose {@code <split>/history/} is carried into this run's results, if any
     * @param singleFile true for single-file split reports
     * @throws IOException when results are missing or Allure fails
     */
    public void build(RunSummary summary, Function<Split, Path> resultsOf, Path site, Optional<Path> previousSite,
                      boolean singleFile) throws IOException {
        Files.createDirectories(site);
        for (Split split : summary.splitNames()) {
            Path results = resultsOf.apply(split);
            if (!Files.isDirectory(results)) {
                throw new IOException(results + ": missing Allure results for split " + split
                        + "; write them first (AllureResults.write or harness report)");
            }
            // copied before generating: when publishing in place the previous report is the one --clean replaces
            Path previous = previousSite.map(p -> p.resolve(split.id())).orElse(results.resolve(".no-previous-site"));
            history.carry(previous, results);
            allure.generate(results, site.resolve(split.id()), "imlbench · " + split.id(), singleFile);
        }
        AtomicFiles.writeString(site.resolve("index.html"), new IndexPage().html(summary));
    }
}
