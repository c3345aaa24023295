package org.imlbench.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.imlbench.files.AtomicFiles;
import org.imlbench.reports.site.AllureCommandline;
import org.imlbench.reports.site.ReportSiteBuilder;
import org.imlbench.rundir.RunLayout;

/**
 * Generates a run's HTML reports with Allure commandline: {@code <site>/<split>/} per split and
 * {@code <site>/index.html} with the headline table and links. History is carried from a previous site so that
 * Allure's trends accumulate across runs. See {@code docs/reports.md}.
 */
public final class ReportSite {

    private ReportSite() {
    }

    /**
     * Generates the site from {@code <runDir>/summary.json} and {@code <runDir>/allure-results/<split>/} (written by
     * {@link Summaries#write} and {@link AllureResults#write}).
     *
     * @param runDir the run directory
     * @param publishSite the site to write or update in place, carrying history from the site itself; when empty,
     *                    {@code <runDir>/site}
     * @param historyFrom a previous site to take history from instead (e.g. the one currently deployed)
     * @param singleFile true to generate each split report as one self-contained {@code index.html} (Allure's
     *                   {@code --single-file}; such a report carries no {@code history/} for later runs)
     * @return the site folder
     * @throws IOException when an input is missing, Allure commandline is not found, or generation fails
     */
    public static Path generate(Path runDir, Optional<Path> publishSite, Optional<Path> historyFrom,
                                boolean singleFile) throws IOException {
        RunSummary summary = Summaries.read(runDir);
        RunLayout layout = new RunLayout(runDir);
        Path site = publishSite.orElse(layout.site());
        Optional<Path> history = historyFrom.or(() -> publishSite);
        new ReportSiteBuilder(AllureCommandline.locate()).build(summary,
                split -> AllureResults.resultsDir(runDir, split), site, history, singleFile);
        for (Path file : new Path[] {layout.summaryJson(), layout.summaryMarkdown()}) {
            AtomicFiles.write(site.resolve(file.getFileName().toString()), Files.readAllBytes(file));
        }
        return site;
    }

    /**
     * Finds Allure commandline as {@link #generate} does (see docs/reports.md for the places it looks).
     *
     * @return the folder holding {@code bin/allure}
     * @throws IOException when it is not found; the message lists where it looked
     */
    public static Path allureHome() throws IOException {
        return AllureCommandline.locate().home();
    }
}
