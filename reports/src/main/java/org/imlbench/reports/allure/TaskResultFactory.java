package org.imlbench.reports.allure;

import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imlbench.reports.Estimate;
import org.imlbench.reports.RoleResult;
import org.imlbench.reports.RunSummary;
import org.imlbench.reports.TaskSummary;
import org.imlbench.reports.Verdict;
import org.imlbench.reports.summary.Numbers;
import org.imlbench.rundir.RunInfo;

/**
 * One task as an Allure test result: labels parentSuite = split, suite = category, subSuite = source; the models,
 * prompt format and shots as parameters; a step per model's evaluation (and one for the paired difference); the
 * status from the task's verdict.
 */
final class TaskResultFactory {
    /** Where each model's samples were copied, by role (attachment sources in the results directory). */
    record Attachments(Map<String, String> samplesByRole, String chart) {
    }

    TestResult create(RunSummary summary, TaskSummary task, Attachments attachments, long timestamp) {
        RunInfo run = summary.run();
        TestResult result = new TestResult()
                .setUuid(StableIds.uuid(run.id(), task.split().id(), task.task()))
                .setHistoryId(StableIds.historyId(task.split().id(), task.task()))
                .setTestCaseId(StableIds.historyId(task.split().id(), task.task()))
                .setName(task.task())
                .setFullName(task.split().id() + "/" + task.task())
                .setStage(Stage.FINISHED)
                .setStatus(status(task.verdict()))
                .setStart(timestamp)
                .setStop(timestamp)
                .setDescriptionHtml(new TaskDescription().html(summary, task));
        if (task.verdictDetail() != null) {
            result.setStatusDetails(new StatusDetails().setMessage(task.verdictDetail()));
        }
        result.setLabels(labels(task));
        List<Parameter> parameters = parameters(summary);
        parameters.addAll(metricParameters(summary, task));
        result.setParameters(parameters);
        List<StepResult> steps = new ArrayList<>();
        for (String role : summary.roles()) {
            RoleResult roleResult = task.results().get(role);
            if (roleResult != null) {
                steps.add(evaluationStep(task, roleResult, attachments.samplesByRole().get(role), timestamp));
            }
        }
        if (!task.deltas().isEmpty()) {
            steps.add(deltaStep(task, timestamp));
        }
        result.setSteps(steps);
        if (attachments.chart() != null) {
            result.setAttachments(List.of(new Attachment().setName("Base vs tuned per category (" + task.split() + ")")
                    .setSource(attachments.chart()).setType("image/png")));
        }
        return result;
    }

    static Status status(Verdict verdict) {
        return switch (verdict) {
            case OK -> Status.PASSED;
            case REGRESSION -> Status.FAILED;
            case ERROR -> Status.BROKEN;
            case NO_PREDICTIONS -> Status.SKIPPED;
        };
    }

    private static List<Label> labels(TaskSummary task) {
        List<Label> labels = new ArrayList<>();
        labels.add(label("parentSuite", task.split().id()));
        labels.add(label("suite", task.category()));
        labels.add(label("subSuite", task.source()));
        labels.add(label("framework", "imlbench"));
        // every reported metric is a tag, so a report can be filtered by a metric plugin's name
        for (String metric : task.reportedMetrics()) {
            labels.add(label("tag", metric));
        }
        return labels;
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    private static List<Parameter> parameters(RunSummary summary) {
        RunInfo run = summary.run();
        List<Parameter> parameters = new ArrayList<>();
        for (String role : summary.roles()) {
            parameters.add(parameter(role + " model", run.modelName(role)));
        }
        parameters.add(parameter("prompt format", run.format() == null ? "–" : run.format()));
        parameters.add(parameter("shots", String.valueOf(run.shots())));
        return parameters;
    }

    /**
     * One parameter per reported metric, headline first: every model's value and, when two models are compared, the
     * paired difference. Shown at the top of each test, so no metric hides in the steps.
     */
    private static List<Parameter> metricParameters(RunSummary summary, TaskSummary task) {
        List<String> metrics = new ArrayList<>(task.reportedMetrics());
        if (task.headlineMetric() != null && metrics.remove(task.headlineMetric())) {
            metrics.add(0, task.headlineMetric());
        }
        List<Parameter> parameters = new ArrayList<>();
        for (String metric : metrics) {
            List<String> values = new ArrayList<>();
            for (String role : summary.roles()) {
                RoleResult result = task.results().get(role);
                Estimate estimate = result == null ? null : result.metrics().get(metric);
                if (estimate != null) {
                    values.add(role + " " + Numbers.withInterval(estimate));
                }
            }
            Estimate delta = task.deltas().get(metric);
            if (delta != null) {
                values.add("Δ " + Numbers.signed(delta.value()) + " " + Numbers.interval(delta, true));
            }
            String name = metric.equals(task.headlineMetric()) ? metric + " (headline)" : metric;
            parameters.add(parameter(name, String.join(", ", values)));
        }
        return parameters;
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter().setName(name).setValue(value);
    }

    private static StepResult evaluationStep(TaskSummary task, RoleResult result, String samples, long timestamp) {
        StringBuilder name = new StringBuilder("Evaluate ").append(result.role()).append(" model ")
                .append(result.model());
        Estimate headline = task.headlineMetric() == null ? null : result.metrics().get(task.headlineMetric());
        if (headline != null) {
            name.append(": ").append(task.headlineMetric()).append(' ').append(Numbers.withInterval(headline));
        }
        name.append(" (n = ").append(result.n());
        if (result.missing() > 0) {
            name.append(", ").append(result.missing()).append(" missing");
        }
        name.append(')');
        List<Parameter> parameters = new ArrayList<>();
        result.metrics().forEach((metric, estimate) -> parameters.add(parameter(metric,
                Numbers.withInterval(estimate))));
        parameters.add(parameter("n", String.valueOf(result.n())));
        parameters.add(parameter("missing", String.valueOf(result.missing())));
        StepResult step = new StepResult().setName(name.toString()).setStage(Stage.FINISHED)
                .setStatus(result.failed() ? Status.BROKEN : Status.PASSED).setParameters(parameters)
                .setStart(timestamp).setStop(timestamp);
        if (result.failed()) {
            step.setStatusDetails(new StatusDetails().setMessage(result.error()));
        } else if (result.missing() > 0) {
            step.setStatusDetails(new StatusDetails().setMessage("missing predictions (not scored): "
                    + String.join(", ", result.missingInstances())));
        }
        if (samples != null) {
            step.setAttachments(List.of(new Attachment().setName(result.role() + " samples (" + result.model()
                    + ").jsonl").setSource(samples).setType("text/plain")));
        }
        return step;
    }

    private static StepResult deltaStep(TaskSummary task, long timestamp) {
        List<Parameter> parameters = new ArrayList<>();
        task.deltas().forEach((metric, delta) -> parameters.add(parameter("Δ " + metric,
                Numbers.signed(delta.value()) + " " + Numbers.interval(delta, true))));
        StringBuilder name = new StringBuilder("Compare tuned − base (paired bootstrap)");
        task.headlineDelta().ifPresent(d -> name.append(": Δ ").append(task.headlineMetric()).append(' ')
                .append(Numbers.signed(d.value())).append(' ').append(Numbers.interval(d, true))
                .append(" over ").append(d.n()).append(" pairs"));
        boolean regression = task.verdict() == Verdict.REGRESSION;
        StepResult step = new StepResult().setName(name.toString()).setStage(Stage.FINISHED)
                .setStatus(regression ? Status.FAILED : Status.PASSED).setParameters(parameters)
                .setStart(timestamp).setStop(timestamp);
        if (regression) {
            step.setStatusDetails(new StatusDetails().setMessage(task.verdictDetail()));
        }
        return step;
    }
}
