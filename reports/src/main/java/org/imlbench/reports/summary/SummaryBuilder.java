package org.imlbench.reports.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.imlbench.api.UsageException;
import org.imlbench.reports.GroupSummary;
import org.imlbench.reports.Method;
import org.imlbench.reports.RunSummary;
import org.imlbench.reports.TaskSummary;
import org.imlbench.reports.stats.Bootstrap;
import org.imlbench.rundir.DoneRecord;
import org.imlbench.rundir.RunData;
import org.imlbench.rundir.Split;
import org.imlbench.rundir.TaskFile;

/** Turns a run directory's samples into a {@link RunSummary}: tasks, then categories, then splits. */
public final class SummaryBuilder {
    /** Bootstrap resamples per estimate. */
    public static final int RESAMPLES = 1000;
    /** The intervals' confidence level. */
    public static final double CONFIDENCE = 0.95;

    private static final Comparator<TaskSummary> REPORT_ORDER = Comparator
            .comparing(TaskSummary::split)
            .thenComparing(TaskSummary::category)
            .thenComparing(TaskSummary::task);

    /**
     * Summarises a run, each task judged by the metric the run chose ({@code headline_metric} in run.json) or by the
     * default rule.
     *
     * @param data the run directory's contents
     * @return the summary
     */
    public RunSummary build(RunData data) {
        return build(data, Optional.empty());
    }

    /**
     * Summarises a run.
     *
     * @param data the run directory's contents
     * @param headlineMetric a metric to judge every task by, overriding run.json's; empty to keep the run's choice
     * @return the summary
     * @throws UsageException when {@code headlineMetric} names a metric that no task of the run reported
     */
    public RunSummary build(RunData data, Optional<String> headlineMetric) {
        Optional<String> chosen = headlineMetric.or(() -> Optional.ofNullable(data.info().headlineMetric()));
        Bootstrap bootstrap = new Bootstrap(RESAMPLES, CONFIDENCE, data.info().seed());
        TaskScorer scorer = new TaskScorer(bootstrap, data.info(), data.dir(), chosen);
        List<ScoredTask> scored = new ArrayList<>();
        for (TaskEvidence evidence : evidence(data)) {
            scored.add(scorer.score(evidence));
        }
        scored.sort(Comparator.comparing(ScoredTask::summary, REPORT_ORDER));
        if (headlineMetric.isPresent()) {
            requireReported(headlineMetric.get(), scored);
        }

        GroupAggregator aggregator = new GroupAggregator(bootstrap, data.info());
        Set<String> roles = GroupAggregator.roles(scored);
        Map<Split, List<ScoredTask>> bySplit = new LinkedHashMap<>();
        scored.forEach(t -> bySplit.computeIfAbsent(t.summary().split(), s -> new ArrayList<>()).add(t));
        List<GroupSummary> categories = new ArrayList<>();
        List<GroupSummary> splits = new ArrayList<>();
        bySplit.forEach((split, tasks) -> {
            Map<String, List<ScoredTask>> byCategory = new TreeMap<>();
            tasks.forEach(t -> byCategory.computeIfAbsent(t.summary().category(), c -> new ArrayList<>()).add(t));
            byCategory.forEach((category, members) -> categories.add(
                    aggregator.aggregate(split, category, members, roles)));
            splits.add(aggregator.aggregate(split, null, tasks, roles));
        });
        return new RunSummary(data.info(), method(data.info().seed(), chosen),
                scored.stream().map(ScoredTask::summary).toList(), categories, splits);
    }

    /** A headline that no task reported would leave every category and split without a score: a typo, refused. */
    private static void requireReported(String metric, List<ScoredTask> scored) {
        Set<String> reported = new TreeSet<>();
        scored.forEach(t -> reported.addAll(t.summary().reportedMetrics()));
        if (!scored.isEmpty() && !reported.contains(metric)) {
            throw new UsageException("--headline-metric '" + metric + "': no task of the run reported it (reported: "
                    + String.join(", ", reported) + ")");
        }
    }

    private static List<TaskEvidence> evidence(RunData data) {
        Map<String, TaskEvidence> byKey = new TreeMap<>();
        for (TaskFile file : data.files()) {
            byKey.computeIfAbsent(file.split() + "\n" + file.task(), k -> new TaskEvidence(file.split(), file.task()))
                    .files.put(file.role(), file);
        }
        for (DoneRecord done : data.done()) {
            byKey.computeIfAbsent(done.split() + "\n" + done.task(), k -> new TaskEvidence(done.split(), done.task()))
                    .done.put(done.role(), done);
        }
        return new ArrayList<>(byKey.values());
    }

    private static Method method(long seed, Optional<String> chosen) {
        String headline = chosen.map(m -> m + " for every task that reported it (--headline-metric); tasks that did "
                + "not report it have no headline and stay out of category and split averages")
                .orElse("per task: bbh_exact_match for BIG-Bench Hard tasks, accuracy (rank classification) for option "
                        + "tasks, rouge_l for generation tasks; if that metric was not reported, the first reported of "
                        + String.join(", ", HeadlineMetric.FALLBACK));
        return new Method(RESAMPLES, CONFIDENCE, seed,
                "every value is in [0, 1]; summary.md and the HTML reports show values ×100",
                headline,
                "task: mean over scored samples (missing predictions are counted, not scored); category and split: "
                        + "macro average over tasks (each task weighs the same, as in OPT-IML), '" + GroupSummary.SCORE
                        + "' averaging each task's headline metric; every model is averaged over the same tasks "
                        + "(those all models scored without an evaluation error); 95% percentile bootstrap intervals "
                        + "with " + RESAMPLES + " seeded resamples, resampling samples within each task (stratified)",
                "tuned - base per instance, matched by instance id over instances both models scored; paired "
                        + "bootstrap of the mean difference per task, of the macro average over tasks per category "
                        + "and split; significantly worse = the whole 95% interval of the difference below 0");
    }
}
