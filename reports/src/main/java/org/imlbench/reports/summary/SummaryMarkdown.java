package org.imlbench.reports.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imlbench.reports.Estimate;
import org.imlbench.reports.GroupSummary;
import org.imlbench.reports.RoleResult;
import org.imlbench.reports.RunSummary;
import org.imlbench.reports.TaskSummary;
import org.imlbench.reports.Verdict;
import org.imlbench.rundir.ModelRef;
import org.imlbench.rundir.RunInfo;
import org.imlbench.rundir.Split;

/**
 * Renders a {@link RunSummary} as Markdown: per split, a table of categories (and the split itself) with each
 * model's headline score, and Δ = tuned − base with its interval when the run compares two models; then the tasks,
 * each with every metric any model reported (headline first), missing predictions and errors.
 */
public final class SummaryMarkdown {
    /** How many missing instance ids are listed per task before summary.json takes over. */
    static final int LISTED_MISSING = 20;

    /**
     * Renders a summary.
     *
     * @param summary the summary
     * @return the Markdown text
     */
    public String render(RunSummary summary) {
        StringBuilder md = new StringBuilder();
        RunInfo run = summary.run();
        List<String> roles = summary.roles();
        boolean compares = summary.compares();
        md.append("# imlbench ").append(run.command()).append(" `").append(run.id()).append("`\n\n");
        md.append("- prompt format: `").append(orDash(run.format())).append("`, shots: ").append(run.shots())
                .append(", seed: ").append(run.seed()).append('\n');
        for (String role : roles) {
            ModelRef model = run.models().get(role);
            md.append("- ").append(role).append(": `").append(run.modelName(role)).append('`');
            if (model != null) {
                md.append(" (").append(orDash(model.backend())).append(", ").append(orDash(model.device())).append(')');
            }
            md.append('\n');
        }
        md.append("\nScores are ×100 with 95% bootstrap intervals (").append(summary.method().resamples())
                .append(" seeded resamples). Each task counts with its headline metric, in bold in the task tables ("
                        + summary.method().headline() + "); categories and splits are macro averages over their "
                        + "tasks. The task tables list every reported metric.");
        if (compares) {
            md.append(" Δ = tuned − base, paired by instance; ▼ marks a significant drop, ▲ a significant gain.");
        }
        md.append("\n");
        for (Split split : summary.splitNames()) {
            GroupSummary splitGroup = summary.split(split).orElseThrow();
            md.append("\n## ").append(split.id()).append("\n\n");
            groupTable(md, roles, compares, splitGroup, summary.categoriesOf(split));
            md.append("\n### Tasks of ").append(split.id()).append("\n\n");
            taskTable(md, roles, compares, summary.tasksOf(split));
        }
        problems(md, summary);
        return md.toString();
    }

    private static void groupTable(StringBuilder md, List<String> roles, boolean compares, GroupSummary split,
                                   List<GroupSummary> categories) {
        List<String> header = new ArrayList<>(List.of("category", "tasks"));
        roles.forEach(header::add);
        if (compares) {
            header.addAll(List.of("Δ", "95% CI of Δ", "regressions"));
        }
        header.add("errors");
        row(md, header);
        List<String> align = new ArrayList<>(List.of("---", "---:"));
        header.subList(2, header.size()).forEach(h -> align.add("---:"));
        row(md, align);
        groupRow(md, "**all " + split.split() + "**", split, roles, compares);
        for (GroupSummary category : categories) {
            groupRow(md, escape(category.category()), category, roles, compares);
        }
    }

    private static void groupRow(StringBuilder md, String label, GroupSummary group, List<String> roles,
                                 boolean compares) {
        List<String> cells = new ArrayList<>(List.of(label, String.valueOf(group.tasks().size())));
        for (String role : roles) {
            cells.add(group.score(role).map(Numbers::withInterval).orElse("–"));
        }
        if (compares) {
            deltaCells(cells, group.scoreDelta());
            cells.add(String.valueOf(group.regressions()));
        }
        cells.add(String.valueOf(group.errors()));
        row(md, cells);
    }

    private static void taskTable(StringBuilder md, List<String> roles, boolean compares, List<TaskSummary> tasks) {
        List<String> header = new ArrayList<>(List.of("task", "category", "metric", "n"));
        roles.forEach(header::add);
        if (compares) {
            header.addAll(List.of("Δ", "95% CI of Δ"));
        }
        header.add("status");
        row(md, header);
        List<String> align = new ArrayList<>(List.of("---", "---", "---", "---:"));
        roles.forEach(r -> align.add("---:"));
        if (compares) {
            align.addAll(List.of("---:", "---:"));
        }
        align.add("---");
        row(md, align);
        for (TaskSummary task : tasks) {
            int n = task.results().values().stream().mapToInt(RoleResult::n).max().orElse(0);
            List<String> metrics = task.reportedMetrics();
            // the headline first (it decides the status); every other reported metric on a row of its own
            String first = task.headlineMetric() != null ? task.headlineMetric() : metrics.isEmpty() ? null
                    : metrics.get(0);
            List<String> cells = new ArrayList<>(List.of("`" + task.task() + "`", escape(task.category()),
                    first == null ? "–" : first.equals(task.headlineMetric()) ? "**" + first + "**" : first,
                    String.valueOf(n)));
            metricCells(cells, task, first, roles, compares);
            cells.add(status(task.verdict()));
            row(md, cells);
            for (String metric : metrics) {
                if (metric.equals(first)) {
                    continue;
                }
                List<String> more = new ArrayList<>(List.of("", "", metric, ""));
                metricCells(more, task, metric, roles, compares);
                more.add("");
                row(md, more);
            }
        }
    }


    private static void metricCells(List<String> cells, TaskSummary task, String metric, List<String> roles,
                                    boolean compares) {
        for (String role : roles) {
            RoleResult result = task.results().get(role);
            Estimate estimate = metric == null || result == null ? null : result.metrics().get(metric);
            cells.add(estimate == null ? "–" : Numbers.withInterval(estimate));
        }
        if (compares) {
            deltaCells(cells, Optional.ofNullable(metric == null ? null : task.deltas().get(metric)));
        }
    }

    private static void deltaCells(List<String> cells, Optional<Estimate> delta) {
        cells.add(delta.map(d -> Numbers.signed(d.value()) + marker(d)).orElse("–"));
        cells.add(delta.map(d -> Numbers.interval(d, true)).orElse("–"));
    }

    private static String marker(Estimate delta) {
        return delta.entirelyBelowZero() ? " ▼" : delta.entirelyAboveZero() ? " ▲" : "";
    }

    private static String status(Verdict verdict) {
        return switch (verdict) {
            case OK -> "ok";
            case REGRESSION -> "**regression**";
            case ERROR -> "**error**";
            case NO_PREDICTIONS -> "no predictions";
        };
    }

    private static void problems(StringBuilder md, RunSummary summary) {
        List<String> lines = new ArrayList<>();
        for (TaskSummary task : summary.tasks()) {
            for (RoleResult result : task.results().values()) {
                if (result.missing() > 0) {
                    List<String> ids = result.missingInstances();
                    String listed = String.join(", ", ids.subList(0, Math.min(LISTED_MISSING, ids.size())));
                    String more = ids.size() > LISTED_MISSING
                            ? " … and " + (ids.size() - LISTED_MISSING) + " more (see summary.json)" : "";
                    lines.add("- `" + task.split() + "` `" + task.task() + "` " + result.role() + ": "
                            + result.missing() + " missing: " + listed + more);
                }
            }
        }
        if (!lines.isEmpty()) {
            md.append("\n## Missing predictions (counted, not scored)\n\n");
            lines.forEach(l -> md.append(l).append('\n'));
        }
        List<String> errors = summary.tasks().stream().filter(t -> t.verdict() == Verdict.ERROR)
                .map(t -> "- `" + t.split() + "` `" + t.task() + "`: " + t.verdictDetail()).toList();
        List<String> unfinished = new ArrayList<>();
        for (TaskSummary task : summary.tasks()) {
            task.results().values().stream().filter(r -> !r.complete())
                    .forEach(r -> unfinished.add("- `" + task.split() + "` `" + task.task() + "` " + r.role()
                            + ": no .done file (the evaluation did not finish)"));
        }
        if (!errors.isEmpty() || !unfinished.isEmpty()) {
            md.append("\n## Evaluation errors\n\n");
            errors.forEach(l -> md.append(l).append('\n'));
            unfinished.forEach(l -> md.append(l).append('\n'));
        }
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? "–" : text;
    }
}
