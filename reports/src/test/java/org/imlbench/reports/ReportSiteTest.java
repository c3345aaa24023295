package org.imlbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.imlbench.reports.site.AllureCommandline;
import org.imlbench.rundir.Split;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates real Allure reports (Allure commandline is unpacked by the reports build). Two runs published to the
 * same site are generated once for the whole class, since each report costs a JVM start of Allure.
 */
class ReportSiteTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path work;

    static Path site;
    static RunSummary second;
    static Path secondRun;

    @BeforeAll
    static void publishTwoRunsToOneSite() throws IOException {
        try {
            AllureCommandline.locate();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("Allure commandline not available: " + e.getMessage());
        }
        site = work.resolve("site");
        Path first = RunFixture.standard(work.resolve("runs"), "run-1", 0).write();
        AllureResults.write(first, Summaries.write(first));
        assertEquals(site, ReportSite.generate(first, Optional.of(site), Optional.empty(), false));
        secondRun = RunFixture.standard(work.resolve("runs"), "run-2", 0.1).write();
        second = Summaries.write(secondRun);
        AllureResults.write(secondRun, second);
        ReportSite.generate(secondRun, Optional.of(site), Optional.empty(), false);
    }

    private static JsonNode json(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    @Test
    void twoPublishedRunsShowATrendWithTwoPointsInEverySplit() throws IOException {
        for (Split split : second.splitNames()) {
            JsonNode trend = json(site.resolve(split.id()).resolve("history/history-trend.json"));
            assertEquals(2, trend.size(), split.id());
            JsonNode widget = json(site.resolve(split.id()).resolve("widgets/history-trend.json"));
            assertEquals(2, widget.size(), split.id());
            // the newest point describes this run's statuses
            JsonNode latest = trend.get(0).get("data");
            assertEquals(second.tasksOf(split).size(), latest.get("total").asInt(), split.id());
        }
    }

    @Test
    void eachReportListsEveryTaskOfItsSplitWithItsStatus() throws IOException {
        for (Split split : second.splitNames()) {
            Map<String, String> listed = new TreeMap<>();
            collectLeaves(json(site.resolve(split.id()).resolve("data/suites.json")), listed);
            Map<String, String> expected = new TreeMap<>();
            for (TaskSummary task : second.tasksOf(split)) {
                expected.put(task.task(), switch (task.verdict()) {
                    case OK -> "passed";
                    case REGRESSION -> "failed";
                    case ERROR -> "broken";
                    case NO_PREDICTIONS -> "skipped";
                });
            }
            assertEquals(expected, listed, split.id());
        }
    }

    private static void collectLeaves(JsonNode node, Map<String, String> leaves) {
        JsonNode children = node.get("children");
        if (children == null) {
            leaves.put(node.get("name").asText(), node.get("status").asText());
            return;
        }
        children.forEach(child -> collectLeaves(child, leaves));
    }

    @Test
    void indexPageHasTheHeadlineTableAndLinksToEverySplitReport() throws IOException {
        String index = Files.readString(site.resolve("index.html"));
        assertTrue(index.contains("run-2"));
        for (Split split : second.splitNames()) {
            assertTrue(index.contains("<a href=\"" + split.id() + "/index.html\">Allure report</a>"), split.id());
            assertTrue(Files.isRegularFile(site.resolve(split.id()).resolve("index.html")), split.id());
            GroupSummary group = second.split(split).orElseThrow();
            String tuned = String.format(Locale.ROOT, "%.1f", group.score("tuned").orElseThrow().value() * 100);
            assertTrue(index.contains(">" + tuned + " ["), split.id() + " tuned " + tuned);
        }
        assertTrue(Files.isRegularFile(site.resolve("summary.json")));
        assertEquals(Files.readString(secondRun.resolve("summary.md")), Files.readString(site.resolve("summary.md")));
    }

    @Test
    void historyCanComeFromAnotherSite() throws IOException {
        Path third = RunFixture.standard(work.resolve("runs"), "run-3", 0.2).write();
        AllureResults.write(third, Summaries.write(third));
        String before = Files.readString(site.resolve("fully_supervised/history/history-trend.json"));
        Path own = ReportSite.generate(third, Optional.empty(), Optional.of(site), false);
        assertEquals(third.resolve("site"), own);
        for (Split split : second.splitNames()) {
            assertEquals(3, json(own.resolve(split.id()).resolve("history/history-trend.json")).size(), split.id());
        }
        // the site history came from is left as it was
        assertEquals(before, Files.readString(site.resolve("fully_supervised/history/history-trend.json")));
    }

    @Test
    void singleFileReportsAreOneHtmlFileEach() throws IOException {
        RunFixture eval = RunFixture.eval(work.resolve("runs"), "eval-1");
        eval.task("all", "bbh/navigate", "BBH", "bbh").values("model", "bbh_exact_match", 1, 0, 1, 1);
        Path run = eval.write();
        AllureResults.write(run, Summaries.write(run));
        Path own = ReportSite.generate(run, Optional.empty(), Optional.empty(), true);
        Path report = own.resolve("all/index.html");
        assertTrue(Files.size(report) > 100_000, "Allure's single file embeds its app and data");
        assertFalse(Files.exists(own.resolve("all/data")));
        String index = Files.readString(own.resolve("index.html"));
        assertTrue(index.contains("<th>model</th>") && !index.contains("Δ"), index);
    }
}
