package org.imlbench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imlbench.reports.summary.Numbers;
import org.imlbench.rundir.Split;

/**
 * The headline of a run as text rows for a console: per split, each model's macro-averaged score with its
 * interval, and Δ = tuned − base with its interval when the run compares two models (all ×100).
 */
public final class HeadlineTable {
    private HeadlineTable() {
    }

    /**
     * The column titles.
     *
     * @param summary the run's summary
     * @return {@code split, tasks, <role>..., [Δ, 95% CI of Δ,] regressions, errors}
     */
    public static List<String> header(RunSummary summary) {
        List<String> header = new ArrayList<>(List.of("SPLIT", "TASKS"));
        summary.roles().forEach(r -> header.add(r.toUpperCase(Locale.ROOT)));
        if (summary.compares()) {
            header.addAll(List.of("Δ", "95% CI OF Δ", "REGRESSIONS"));
        }
        header.add("ERRORS");
        return header;
    }

    /**
     * One row per split, in report order.
     *
     * @param summary the run's summary
     * @return the rows, each with one cell per {@link #header} column
     */
    public static List<List<String>> rows(RunSummary summary) {
        List<List<String>> rows = new ArrayList<>();
        for (Split split : summary.splitNames()) {
            GroupSummary group = summary.split(split).orElseThrow();
            List<String> row = new ArrayList<>(List.of(split.id(), String.valueOf(group.tasks().size())));
            summary.roles().forEach(r -> row.add(group.score(r).map(Numbers::withInterval).orElse("–")));
            if (summary.compares()) {
                row.add(group.scoreDelta().map(d -> Numbers.signed(d.value())
                        + (d.entirelyBelowZero() ? " ▼" : d.entirelyAboveZero() ? " ▲" : "")).orElse("–"));
                row.add(group.scoreDelta().map(d -> Numbers.interval(d, true)).orElse("–"));
                row.add(String.valueOf(group.regressions()));
            }
            row.add(String.valueOf(group.errors()));
            rows.add(row);
        }
        return rows;
    }
}
