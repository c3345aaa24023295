package org.imlbench.reports.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imlbench.reports.Estimate;
import org.imlbench.reports.GroupSummary;
import org.imlbench.reports.RoleResult;
import org.imlbench.reports.RunSummary;
import org.imlbench.reports.TaskSummary;
import org.imlbench.reports.summary.Numbers;
import org.imlbench.rundir.ModelRef;
import org.imlbench.rundir.RunInfo;
import org.imlbench.rundir.Split;

/**
 * The site's {@code index.html}: the run, a headline table per split (each model's macro-averaged score, Δ and its
 * interval) with links to the split reports, and each split's categories. Self-contained (inline CSS, no scripts).
 */
final class IndexPage {
    String html(RunSummary summary) {
        RunInfo run = summary.run();
        List<String> roles = summary.roles();
        boolean compares = summary.compares();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>imlbench · ").append(escape(run.id())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;"
                        + "color:#222}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;"
                        + "padding:.35rem .6rem}th{background:#f3f3f3}td.num{text-align:right;"
                        + "font-variant-numeric:tabular-nums}.up{color:#1b7a1b}.down{color:#b00020;font-weight:bold}"
                        + "code{background:#f6f6f6;padding:0 .2rem}.muted{color:#666}")
                .append("</style></head><body>\n");
        html.append("<h1>imlbench ").append(escape(run.command().id())).append(" <code>").append(escape(run.id()))
                .append("</code></h1>\n<ul>");
        for (String role : roles) {
            ModelRef model = run.models().get(role);
            html.append("<li>").append(escape(role)).append(": <code>").append(escape(run.modelName(role)))
                    .append("</code>");
            if (model != null) {
                html.append(" <span class=\"muted\">(").append(escape(String.valueOf(model.backend()))).append(", ")
                        .append(escape(String.valueOf(model.device()))).append(")</span>");
            }
            html.append("</li>");
        }
        html.append("<li>prompt format <code>").append(escape(String.valueOf(run.format()))).append("</code>, ")
                .append(run.shots()).append(" shots, seed ").append(run.seed()).append("</li>");
        if (run.created() != null) {
            html.append("<li>started ").append(escape(run.created())).append("</li>");
        }
        if (run.gitCommit() != null) {
            html.append("<li>commit <code>").append(escape(run.gitCommit())).append("</code></li>");
        }
        html.append("</ul>\n<p class=\"muted\">Scores ×100: the macro average over a split's tasks of each task's "
                + "headline metric (accuracy for option tasks, ROUGE-L for generation tasks, BBH exact match for "
                + "BIG-Bench Hard), with 95% bootstrap intervals (").append(summary.method().resamples())
                .append(" seeded resamples within tasks).");
        if (compares) {
            html.append(" Δ = tuned − base, paired by instance.");
        }
        html.append(" Raw numbers: <a href=\"summary.json\">summary.json</a>, <a href=\"summary.md\">summary.md</a>."
                + "</p>\n<h2>Headline</h2>\n<table><tr><th>split</th><th>tasks</th>");
        for (String role : roles) {
            html.append("<th>").append(escape(role)).append("</th>");
        }
        if (compares) {
            html.append("<th>Δ</th><th>95% CI of Δ</th><th>regressions</th>");
        }
        html.append("<th>errors</th><th>report</th></tr>\n");
        for (Split split : summary.splitNames()) {
            GroupSummary group = summary.split(split).orElseThrow();
            html.append("<tr><td><a href=\"").append(escape(split.id())).append("/index.html\">")
                    .append(escape(split.id()))
                    .append("</a></td><td class=\"num\">").append(group.tasks().size()).append("</td>");
            scoreCells(html, group, roles, compares);
            if (compares) {
                html.append("<td class=\"num\">").append(group.regressions()).append("</td>");
            }
            html.append("<td class=\"num\">").append(group.errors()).append("</td><td><a href=\"")
                    .append(escape(split.id())).append("/index.html\">Allure report</a></td></tr>\n");
        }
        html.append("</table>\n");
        for (Split split : summary.splitNames()) {
            html.append("<h2 id=\"").append(escape(split.id())).append("\">").append(escape(split.id()))
                    .append(" by category</h2>\n<table><tr><th>category</th><th>tasks</th>");
            for (String role : roles) {
                html.append("<th>").append(escape(role)).append("</th>");
            }
            if (compares) {
                html.append("<th>Δ</th><th>95% CI of Δ</th><th>regressions</th>");
            }
            html.append("<th>errors</th></tr>\n");
            for (GroupSummary category : summary.categoriesOf(split)) {
                html.append("<tr><td>").append(escape(category.category())).append("</td><td class=\"num\">")
                        .append(category.tasks().size()).append("</td>");
                scoreCells(html, category, roles, compares);
                if (compares) {
                    html.append("<td class=\"num\">").append(category.regressions()).append("</td>");
                }
                html.append("<td class=\"num\">").append(category.errors()).append("</td></tr>\n");
            }
            html.append("</table>\n");
            taskTable(html, summary.tasksOf(split), roles, compares);
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    /** Every task of a split with every metric any model reported; the headline metric (bold) first. */
    private static void taskTable(StringBuilder html, List<TaskSummary> tasks, List<String> roles, boolean compares) {
        html.append("<table><tr><th>task</th><th>metric</th>");
        for (String role : roles) {
            html.append("<th>").append(escape(role)).append("</th>");
        }
        if (compares) {
            html.append("<th>Δ</th><th>95% CI of Δ</th>");
        }
        html.append("</tr>\n");
        for (TaskSummary task : tasks) {
            List<String> metrics = new ArrayList<>(task.reportedMetrics());
            if (task.headlineMetric() != null && metrics.remove(task.headlineMetric())) {
                metrics.add(0, task.headlineMetric());
            }
            for (int i = 0; i < metrics.size(); i++) {
                String metric = metrics.get(i);
                html.append("<tr><td>").append(i == 0 ? "<code>" + escape(task.task()) + "</code>" : "")
                        .append("</td><td>").append(metric.equals(task.headlineMetric()) ? "<b>" + escape(metric)
                                + "</b>" : escape(metric)).append("</td>");
                for (String role : roles) {
                    RoleResult result = task.results().get(role);
                    Estimate estimate = result == null ? null : result.metrics().get(metric);
                    html.append("<td class=\"num\">").append(estimate == null ? "–" : Numbers.withInterval(estimate))
                            .append("</td>");
                }
                if (compares) {
                    deltaCells(html, Optional.ofNullable(task.deltas().get(metric)));
                }
                html.append("</tr>\n");
            }
        }
        html.append("</table>\n");
    }

    private static void scoreCells(StringBuilder html, GroupSummary group, List<String> roles, boolean compares) {
        for (String role : roles) {
            html.append("<td class=\"num\">").append(group.score(role).map(Numbers::withInterval).orElse("–"))
                    .append("</td>");
        }
        if (compares) {
            deltaCells(html, group.scoreDelta());
        }
    }

    private static void deltaCells(StringBuilder html, Optional<Estimate> delta) {
        String css = delta.map(d -> d.entirelyBelowZero() ? "num down" : d.entirelyAboveZero() ? "num up" : "num")
                .orElse("num");
        html.append("<td class=\"").append(css).append("\">").append(delta.map(d -> Numbers.signed(d.value()))
                .orElse("–")).append("</td><td class=\"num\">")
                .append(delta.map(d -> Numbers.interval(d, true)).orElse("–")).append("</td>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
