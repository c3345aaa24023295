package org.imlbench.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.imlbench.reports.allure.AllureSplitWriter;
import org.imlbench.rundir.RunLayout;
import org.imlbench.rundir.Split;

/**
 * Writes a run's Allure 2 results, one directory per split: {@code <runDir>/allure-results/<split>/}. A test result
 * per task (passed; failed when the tuned model is significantly worse; broken when an evaluation failed; skipped
 * when no prediction could be scored), with both models' samples and a per-category chart attached, plus
 * {@code environment.properties}, {@code executor.json} and {@code categories.json}. See {@code docs/reports.md}.
 */
public final class AllureResults {

    private AllureResults() {
    }

    /**
     * Writes (replaces) {@code <runDir>/allure-results/<split>/} for every split of the summary.
     *
     * @param runDir the run directory
     * @param summary its summary (from {@link Summaries#write(Path)})
     * @throws IOException when a file cannot be written
     */
    public static void write(Path runDir, RunSummary summary) throws IOException {
        AllureSplitWriter writer = new AllureSplitWriter(System.getenv());
        for (Split split : summary.splitNames()) {
            Path results = resultsDir(runDir, split);
            deleteRecursively(results);
            writer.write(runDir, summary, split, results);
        }
    }

    /**
     * The results directory of a split.
     *
     * @param runDir the run directory
     * @param split the split
     * @return {@code <runDir>/allure-results/<split>}
     */
    public static Path resultsDir(Path runDir, Split split) {
        return new RunLayout(runDir).allureResults(split);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
