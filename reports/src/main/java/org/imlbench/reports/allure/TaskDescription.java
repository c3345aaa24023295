package org.imlbench.reports.allure;

import java.util.Set;
import java.util.TreeSet;
import org.imlbench.reports.Estimate;
import org.imlbench.reports.RoleResult;
import org.imlbench.reports.RunSummary;
import org.imlbench.reports.TaskSummary;
import org.imlbench.reports.summary.Numbers;

/** A task's results as a small HTML table: a row per metric, a column per model and the paired Δ. */
final class TaskDescription {
    String html(RunSummary summary, TaskSummary task) {
        StringBuilder html = new StringBuilder();
        html.append("<p>Task <b>").append(escape(task.task())).append("</b> (").append(escape(task.category()))
                .append(", ").append(escape(task.source())).append(") in split <b>").append(escape(task.split().id()))
                .append("</b>. Headline metric: <b>").append(escape(String.valueOf(task.headlineMetric())))
                .append("</b>. Scores ×100 with 95% bootstrap intervals.</p>");
        Set<String> metrics = new TreeSet<>();
        task.results().values().forEach(r -> metrics.addAll(r.metrics().keySet()));
        html.append("<table><tr><th>metric</th>");
        for (String role : summary.roles()) {
            if (task.results().containsKey(role)) {
                // the role alone: model names (checkpoint paths, hub ids) are in the parameters and steps
                html.append("<th>").append(escape(role)).append("</th>");
            }
        }
        if (!task.deltas().isEmpty()) {
            html.append("<th>Δ (tuned − base)</th>");
        }
        html.append("</tr>");
        for (String metric : metrics) {
            html.append("<tr><td>").append(escape(metric)).append(metric.equals(task.headlineMetric()) ? " ★" : "")
                    .append("</td>");
            for (String role : summary.roles()) {
                RoleResult result = task.results().get(role);
                if (result != null) {
                    Estimate estimate = result.metrics().get(metric);
                    html.append("<td>").append(estimate == null ? "–" : Numbers.withInterval(estimate)).append("</td>");
                }
            }
            if (!task.deltas().isEmpty()) {
                Estimate delta = task.deltas().get(metric);
                html.append("<td>").append(delta == null ? "–"
                        : Numbers.signed(delta.value()) + " " + Numbers.interval(delta, true)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("<tr><td>n (missing)</td>");
        for (String role : summary.roles()) {
            RoleResult result = task.results().get(role);
            if (result != null) {
                html.append("<td>").append(result.n()).append(" (").append(result.missing()).append(")</td>");
            }
        }
        if (!task.deltas().isEmpty()) {
            html.append("<td>").append(task.headlineDelta().map(d -> d.n() + " pairs").orElse("–")).append("</td>");
        }
        html.append("</tr></table>");
        return html.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
