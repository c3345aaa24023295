package org.imlbench.reports.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.imlbench.reports.Estimate;
import org.imlbench.reports.GroupResult;
import org.imlbench.reports.GroupSummary;
import org.imlbench.reports.RoleResult;
import org.imlbench.reports.TaskSummary;
import org.imlbench.reports.Verdict;
import org.imlbench.reports.stats.Bootstrap;
import org.imlbench.rundir.RunInfo;
import org.imlbench.rundir.Split;

/**
 * Aggregates tasks into a category or split: macro averages over tasks (each task counts once, whatever its size,
 * as OPT-IML reports), with intervals from a bootstrap that resamples samples within each task.
 */
final class GroupAggregator {
    private final Bootstrap bootstrap;
    private final RunInfo run;

    GroupAggregator(Bootstrap bootstrap, RunInfo run) {
        this.bootstrap = bootstrap;
        this.run = run;
    }

    GroupSummary aggregate(Split split, String category, List<ScoredTask> tasks, Set<String> roles) {
        String group = split + "|" + (category == null ? "*" : category);
        // every model is averaged over the same tasks, so that the models' averages compare like with like
        List<ScoredTask> comparable = tasks.stream().filter(t -> scoredByEveryModel(t, roles)).toList();
        Map<String, GroupResult> results = new TreeMap<>();
        for (String role : roles) {
            Map<String, List<double[]>> strata = new TreeMap<>();
            int n = 0;
            int missing = 0;
            for (ScoredTask task : tasks) {
                RoleResult result = task.summary().results().get(role);
                missing += result == null ? 0 : result.missing();
            }
            for (ScoredTask task : comparable) {
                Map<String, double[]> values = task.values().get(role);
                values.forEach((metric, v) -> {
                    if (roles.stream().allMatch(r -> task.values().get(r).containsKey(metric))) {
                        strata.computeIfAbsent(metric, m -> new ArrayList<>()).add(v);
                    }
                });
                double[] headline = values.get(task.summary().headlineMetric());
                strata.computeIfAbsent(GroupSummary.SCORE, m -> new ArrayList<>()).add(headline);
                n += headline.length;
            }
            Map<String, Estimate> metrics = new TreeMap<>();
            strata.forEach((metric, s) -> metrics.put(metric,
                    bootstrap.macroMean(s, group + "|" + role + "|" + metric)));
            results.put(role, new GroupResult(role, run.modelName(role), comparable.size(), n, missing, metrics));
        }
        Map<String, List<double[]>> differenceStrata = new TreeMap<>();
        for (ScoredTask task : comparable) {
            task.differences().forEach((metric, d) -> differenceStrata.computeIfAbsent(metric, m -> new ArrayList<>())
                    .add(d));
            double[] headline = task.differences().get(task.summary().headlineMetric());
            if (headline != null) {
                differenceStrata.computeIfAbsent(GroupSummary.SCORE, m -> new ArrayList<>()).add(headline);
            }
        }
        Map<String, Estimate> deltas = new TreeMap<>();
        differenceStrata.forEach((metric, s) -> deltas.put(metric,
                bootstrap.macroMean(s, group + "|delta|" + metric)));
        List<String> ids = tasks.stream().map(t -> t.summary().task()).toList();
        int regressions = count(tasks, Verdict.REGRESSION);
        int errors = count(tasks, Verdict.ERROR);
        return new GroupSummary(split, category, ids, results, deltas, regressions, errors);
    }

    /** True when every model scored the task's headline metric without an evaluation error. */
    private static boolean scoredByEveryModel(ScoredTask task, Set<String> roles) {
        String headline = task.summary().headlineMetric();
        return headline != null && roles.stream().allMatch(r -> {
            Map<String, double[]> values = task.values().get(r);
            return values != null && values.containsKey(headline);
        });
    }

    private static int count(List<ScoredTask> tasks, Verdict verdict) {
        return (int) tasks.stream().map(ScoredTask::summary).map(TaskSummary::verdict).filter(verdict::equals).count();
    }

    static Set<String> roles(List<ScoredTask> tasks) {
        Set<String> roles = new TreeSet<>();
        tasks.forEach(t -> roles.addAll(t.summary().results().keySet()));
        return roles;
    }
}
