package org.imlbench.reports.summary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.imlbench.reports.Estimate;
import org.imlbench.reports.RoleResult;
import org.imlbench.reports.TaskSummary;
import org.imlbench.reports.Verdict;
import org.imlbench.reports.stats.Bootstrap;
import org.imlbench.rundir.DoneRecord;
import org.imlbench.rundir.Role;
import org.imlbench.rundir.RunInfo;
import org.imlbench.rundir.SampleScores;
import org.imlbench.rundir.TaskFile;

/** Scores one task: each model's means with intervals, the paired tuned − base differences and the verdict. */
final class TaskScorer {
    private final Bootstrap bootstrap;
    private final RunInfo run;
    private final Path runDir;
    private final Optional<String> chosenHeadline;

    TaskScorer(Bootstrap bootstrap, RunInfo run, Path runDir, Optional<String> chosenHeadline) {
        this.chosenHeadline = chosenHeadline;
        this.bootstrap = bootstrap;
        this.run = run;
        this.runDir = runDir;
    }

    ScoredTask score(TaskEvidence evidence) {
        Set<Role> roles = new TreeSet<>(evidence.files.keySet());
        roles.addAll(evidence.done.keySet());
        Map<String, RoleResult> results = new TreeMap<>();
        Map<String, Map<String, double[]>> values = new TreeMap<>();
        Set<String> reported = new TreeSet<>();
        boolean hasOptions = false;
        for (Role roleId : roles) {
            String role = roleId.id();
            TaskFile file = evidence.files.get(roleId);
            DoneRecord done = evidence.done.get(roleId);
            List<SampleScores> samples = file == null ? List.of() : file.samples();
            hasOptions |= samples.stream().anyMatch(SampleScores::hasOptions);
            Map<String, double[]> roleValues = valuesByMetric(samples);
            Map<String, Estimate> metrics = new TreeMap<>();
            roleValues.forEach((metric, v) -> metrics.put(metric,
                    bootstrap.mean(v, key(evidence, role, metric))));
            List<String> missing = samples.stream().filter(SampleScores::missing).map(SampleScores::instance).toList();
            String error = done == null ? null : done.error();
            results.put(role, new RoleResult(role, run.modelName(role), samples.size() - missing.size(),
                    missing.size(), missing, done != null, error, metrics,
                    file == null ? null : runDir.relativize(file.file()).toString().replace('\\', '/')));
            if (error == null) {
                values.put(role, roleValues);
                reported.addAll(roleValues.keySet());
            }
        }
        String headline = HeadlineMetric.choose(evidence.source(), hasOptions, reported, chosenHeadline)
                .orElse(null);
        Map<String, double[]> differences = differences(evidence, results);
        Map<String, Estimate> deltas = new TreeMap<>();
        differences.forEach((metric, d) -> deltas.put(metric, bootstrap.mean(d, key(evidence, "delta", metric))));
        TaskSummary provisional = new TaskSummary(evidence.task, evidence.category(), evidence.split,
                evidence.source(), headline, results, deltas, Verdict.OK, null);
        Verdict verdict = verdict(provisional);
        return new ScoredTask(new TaskSummary(provisional.task(), provisional.category(), provisional.split(),
                provisional.source(), headline, results, deltas, verdict, detail(provisional, verdict)),
                values, differences);
    }

    private static Map<String, double[]> valuesByMetric(List<SampleScores> samples) {
        Map<String, List<Double>> lists = new TreeMap<>();
        for (SampleScores sample : samples) {
            sample.metrics().forEach((metric, value) -> lists.computeIfAbsent(metric, m -> new ArrayList<>())
                    .add(value));
        }
        Map<String, double[]> arrays = new TreeMap<>();
        lists.forEach((metric, list) -> arrays.put(metric, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return arrays;
    }

    /** Tuned − base per instance scored by both, per metric; empty unless both models evaluated without error. */
    private static Map<String, double[]> differences(TaskEvidence evidence, Map<String, RoleResult> results) {
        RoleResult base = results.get(Role.BASE.id());
        RoleResult tuned = results.get(Role.TUNED.id());
        TaskFile baseFile = evidence.files.get(Role.BASE);
        TaskFile tunedFile = evidence.files.get(Role.TUNED);
        if (base == null || tuned == null || base.failed() || tuned.failed() || baseFile == null
                || tunedFile == null) {
            return Map.of();
        }
        Map<String, Map<String, Double>> baseByInstance = new HashMap<>();
        for (SampleScores sample : baseFile.samples()) {
            if (!sample.missing()) {
                baseByInstance.put(sample.instance(), sample.metrics());
            }
        }
        Map<String, List<Double>> lists = new TreeMap<>();
        for (SampleScores sample : tunedFile.samples()) {
            Map<String, Double> baseMetrics = baseByInstance.get(sample.instance());
            if (sample.missing() || baseMetrics == null) {
                continue;
            }
            sample.metrics().forEach((metric, value) -> {
                Double baseValue = baseMetrics.get(metric);
                if (baseValue != null) {
                    lists.computeIfAbsent(metric, m -> new ArrayList<>()).add(value - baseValue);
                }
            });
        }
        Map<String, double[]> arrays = new LinkedHashMap<>();
        lists.forEach((metric, list) -> arrays.put(metric, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return arrays;
    }

    private static Verdict verdict(TaskSummary task) {
        if (task.results().values().stream().anyMatch(RoleResult::failed)) {
            return Verdict.ERROR;
        }
        if (task.results().values().stream().allMatch(r -> r.n() == 0)) {
            return Verdict.NO_PREDICTIONS;
        }
        return task.headlineDelta().filter(Estimate::entirelyBelowZero).isPresent() ? Verdict.REGRESSION : Verdict.OK;
    }

    private static String detail(TaskSummary task, Verdict verdict) {
        return switch (verdict) {
            case OK -> null;
            case ERROR -> String.join("; ", task.results().values().stream().filter(RoleResult::failed)
                    .map(r -> r.role() + " (" + r.model() + ") evaluation failed: " + r.error()).toList());
            case NO_PREDICTIONS -> "no model produced a scorable prediction ("
                    + task.results().values().stream().mapToInt(RoleResult::missing).sum() + " missing)";
            case REGRESSION -> {
                Estimate delta = task.headlineDelta().orElseThrow();
                yield "tuned is significantly worse on " + task.headlineMetric() + ": Δ "
                        + Numbers.signed(delta.value()) + " (95% CI " + Numbers.interval(delta, true) + "), base "
                        + Numbers.percent(task.headline(Role.BASE.id()).map(Estimate::value).orElse(Double.NaN))
                        + " → tuned "
                        + Numbers.percent(task.headline(Role.TUNED.id()).map(Estimate::value).orElse(Double.NaN))
                        + ", n = " + delta.n() + " pairs";
            }
        };
    }

    private static String key(TaskEvidence evidence, String role, String metric) {
        return evidence.split + "|" + evidence.task + "|" + role + "|" + metric;
    }
}
