package org.imlbench.harness.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.harness.splits.LeakageReport;
import org.imlbench.harness.splits.SplitSummary;

/** {@code harness tasks} for people: a table per split and category, the leakage table, then any prompts. */
final class TasksTextRenderer {
    private TasksTextRenderer() {
    }

    /**
     * @param report what to show
     * @param out where it goes
     */
    static void render(TasksReport report, PrintStream out) {
        out.printf("sources: %s; %d tasks, %d instances; seed %d%n", String.join(" ", report.sources()),
                report.taskCount(), report.instanceCount(), report.seed());
        out.println("split spec: " + (report.splitFile() != null ? report.splitFile() + " " : "")
                + (report.spec().description().isBlank() ? "(no description)" : report.spec().description()));
        report.problems().forEach(p -> out.println("skipped: " + p));
        report.notes().forEach(n -> out.println("note: " + n));
        if (!report.excluded().isEmpty()) {
            out.println("excluded: " + String.join(", ", report.excluded()));
        }
        out.println();
        List<List<String>> rows = new ArrayList<>();
        for (SplitSummary.Part part : report.summary().parts().values()) {
            if (part.categories().isEmpty()) {
                rows.add(List.of(part.name(), "(none)", "0", "0", "0", "0", "0"));
            }
            for (SplitSummary.CategoryCount c : part.categories()) {
                rows.add(List.of(part.name(), c.category(), Integer.toString(c.tasks()),
                        Integer.toString(c.optionTasks()), Integer.toString(c.generationTasks()),
                        Integer.toString(c.mixedTasks()), Long.toString(c.instances())));
            }
            if (part.categories().size() > 1) {
                rows.add(List.of(part.name(), "(all)", Integer.toString(part.tasks()), "", "", "",
                        Long.toString(part.instances())));
            }
        }
        out.print(new TextTable(List.of("SPLIT", "CATEGORY", "TASKS", "OPTION", "GENERATION", "MIXED", "INSTANCES"),
                rows).render());
        out.println();
        out.println("leakage against the training set (13-gram: word 13-grams shared by instance texts; exact: same "
                + "instruction and input):");
        List<List<String>> leakRows = new ArrayList<>();
        for (LeakageReport.SplitLeakage s : report.leakage().splits().values()) {
            leakRows.add(List.of(s.split().id(), Integer.toString(s.evaluationInstances()),
                    Long.toString(s.ngramPairs()), Integer.toString(s.instancesWithNgramOverlap()),
                    Integer.toString(s.exactMatches())));
        }
        out.print(new TextTable(List.of("SPLIT", "EVALUATED", "13-GRAM PAIRS", "WITH 13-GRAM", "EXACT INPUT"),
                leakRows).render());
        if (report.prompts() == null) {
            return;
        }
        for (TasksReport.Shown shown : report.prompts()) {
            out.println();
            out.println("=== " + shown.split().id() + " " + shown.task().id() + " " + shown.instance().id()
                    + " (" + report.format() + ", " + report.shots() + "-shot)");
            if (shown.error() != null) {
                out.println("(" + shown.error() + ")");
                continue;
            }
            String source = shown.prompt().source();
            out.println(source);
            String trailing = source.substring(source.stripTrailing().length());
            if (!trailing.isEmpty()) {
                // invisible above, yet the model sees it (a prompt ending in "Answer: " scores " yes" differently)
                out.println("--- the prompt ends with " + quote(trailing));
            }
            out.println("--- target: " + quote(shown.prompt().target()));
            if (!shown.prompt().continuations().isEmpty()) {
                out.println("--- options: " + String.join(" | ",
                        shown.prompt().continuations().stream().map(TasksTextRenderer::quote).toList()));
            }
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"")
                + "\"";
    }
}
