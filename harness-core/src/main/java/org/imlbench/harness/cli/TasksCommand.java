package org.imlbench.harness.cli;

import com.beust.jcommander.DynamicParameter;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Instance;
import org.imlbench.api.Options;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.api.UsageException;
import org.imlbench.harness.splits.LeakageException;
import org.imlbench.harness.splits.LeakageGuard;
import org.imlbench.harness.splits.LeakageReport;
import org.imlbench.harness.splits.PromptRenderer;
import org.imlbench.harness.splits.SplitBuilder;
import org.imlbench.harness.splits.SplitSpec;
import org.imlbench.harness.splits.SplitSummary;
import org.imlbench.harness.splits.Splits;
import org.imlbench.harness.tasks.TaskCatalog;
import org.imlbench.rundir.Split;

/**
 * {@code harness tasks}: loads the task sources, cuts the splits and shows, per split and category, task and
 * instance counts (option and generation tasks), the train/evaluation leakage report and, with {@code --show N},
 * rendered prompts. {@code --json} prints the same for machines, with each task's instance count as loaded.
 */
@Parameters(commandNames = TasksCommand.NAME, commandDescription = "Load task sources, cut the generalization splits "
        + "and show per split and category the task and instance counts, option vs generation tasks, the leakage "
        + "report and (--show N) rendered prompts. With no --tasks: the synthetic suite.")
public final class TasksCommand implements CliCommand {
    static final String NAME = "tasks";

    @Parameter(names = "--tasks", description = "Task source KIND[=PATH], repeatable (synthetic, niv2=DIR, bbh=DIR, "
            + "csv=FILE|DIR). Default: synthetic")
    private List<String> tasks = new ArrayList<>();
    @DynamicParameter(names = "--task-option", description = "Task provider option key=value (e.g. instances=100 "
            + "for synthetic), given to every source")
    private Map<String, String> taskOptions = new HashMap<>();
    @Parameter(names = "--split", description = "Split spec file (JSON); default: the task sources' own specs")
    private String split;
    @Parameter(names = "--seed", description = "Seed for task generation, splits and demonstrations")
    private long seed = 1;
    @Parameter(names = "--show", description = "Print N rendered prompts of every evaluated task")
    private int show;
    @Parameter(names = "--json", description = "Print JSON instead of tables")
    private boolean json;
    @Parameter(names = "--format", description = "Prompt format for --show")
    private String format = "optiml";
    @Parameter(names = "--shots", description = "Demonstrations per prompt for --show")
    private int shots;
    @Parameter(names = "--allow-overlap", description = "Accept splits in which an evaluation input equals a "
            + "training input")
    private boolean allowOverlap;
    @Parameter(names = "--skip-bad-tasks", description = "Skip unreadable task files, reporting each")
    private boolean skipBadTasks;
    @Parameter(names = "--print-spec", description = "Print the split spec in use (JSON, to copy and edit) and stop")
    private boolean printSpec;

    /** Creates the command; JCommander fills its options. */
    public TasksCommand() {
        // fields are set by JCommander
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(CliContext context) throws Exception {
        if (show < 0 || shots < 0) {
            throw new UsageException("--show and --shots must be >= 0");
        }
        TaskCatalog catalog;
        try {
            catalog = TaskCatalog.load(context.plugins(), tasks, context.workDir(), seed, skipBadTasks,
                    Options.of(taskOptions));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SplitSpec spec = split == null ? catalog.defaultSplitSpec()
                : SplitSpec.read(context.workDir().resolve(split));
        if (printSpec) {
            context.out().println(spec.toJson());
            return Main.OK;
        }
        PromptFormat promptFormat = null;
        if (show > 0) {
            try {
                promptFormat = context.plugins().get(PromptFormat.class, format);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        Splits splits = SplitBuilder.build(catalog.tasks(), spec, seed);
        LeakageReport leakage = LeakageGuard.check(splits);
        List<Shown> prompts = promptFormat == null ? List.of() : render(splits, promptFormat);
        if (json) {
            printJson(context, catalog, splits, leakage, prompts);
        } else {
            printText(context, catalog, splits, leakage, prompts);
        }
        if (!allowOverlap) {
            try {
                LeakageGuard.enforce(splits, false);
            } catch (LeakageException e) {
                context.err().println("error: " + e.getMessage());
                return Main.FAILURE;
            }
        }
        return Main.OK;
    }

    /** One rendered prompt, or why it could not be rendered. */
    private record Shown(Split split, Task task, Instance instance, RenderedPrompt prompt, String error) {
    }

    private List<Shown> render(Splits splits, PromptFormat promptFormat) {
        PromptRenderer renderer = new PromptRenderer(splits);
        List<Shown> out = new ArrayList<>();
        splits.evaluation().forEach((s, splitTasks) -> {
            for (Task task : splitTasks) {
                for (Instance instance : task.instances().subList(0, Math.min(show, task.instances().size()))) {
                    try {
                        out.add(new Shown(s, task, instance, renderer.render(promptFormat, task, instance, shots,
                                seed), null));
                    } catch (IllegalArgumentException e) {
                        out.add(new Shown(s, task, instance, null, e.getMessage()));
                        break;
                    }
                }
            }
        });
        return out;
    }

    private void printText(CliContext context, TaskCatalog catalog, Splits splits, LeakageReport leakage,
                           List<Shown> prompts) {
        var out = context.out();
        long instances = catalog.tasks().stream().mapToLong(t -> t.instances().size()).sum();
        out.printf("sources: %s; %d tasks, %d instances; seed %d%n", String.join(" ",
                catalog.sources().stream().map(Object::toString).toList()), catalog.tasks().size(), instances, seed);
        out.println("split spec: " + (split != null ? split + " " : "")
                + (splits.spec().description().isBlank() ? "(no description)" : splits.spec().description()));
        catalog.problems().forEach(p -> out.println("skipped: " + p));
        splits.notes().forEach(n -> out.println("note: " + n));
        if (!splits.excluded().isEmpty()) {
            out.println("excluded: " + String.join(", ", splits.excluded()));
        }
        out.println();
        List<List<String>> rows = new ArrayList<>();
        for (SplitSummary.Part part : SplitSummary.of(splits).parts().values()) {
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
        for (LeakageReport.SplitLeakage s : leakage.splits().values()) {
            leakRows.add(List.of(s.split().id(), Integer.toString(s.evaluationInstances()),
                    Long.toString(s.ngramPairs()), Integer.toString(s.instancesWithNgramOverlap()),
                    Integer.toString(s.exactMatches())));
        }
        out.print(new TextTable(List.of("SPLIT", "EVALUATED", "13-GRAM PAIRS", "WITH 13-GRAM", "EXACT INPUT"),
                leakRows).render());
        for (Shown shown : prompts) {
            out.println();
            out.println("=== " + shown.split().id() + " " + shown.task().id() + " " + shown.instance().id()
                    + " (" + format + ", " + shots + "-shot)");
            if (shown.error() != null) {
                out.println("(" + shown.error() + ")");
                continue;
            }
            out.println(shown.prompt().source());
            out.println("--- target: " + quote(shown.prompt().target()));
            if (!shown.prompt().continuations().isEmpty()) {
                out.println("--- options: " + String.join(" | ",
                        shown.prompt().continuations().stream().map(TasksCommand::quote).toList()));
            }
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
    }

    private void printJson(CliContext context, TaskCatalog catalog, Splits splits, LeakageReport leakage,
                           List<Shown> prompts) throws Exception {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("seed", seed);
        document.put("sources", catalog.sources().stream().map(Object::toString).toList());
        document.put("splitSpec", new ObjectMapper().readTree(splits.spec().toJson()));
        document.put("problems", catalog.problems().stream().map(p -> Map.of("file", p.file(), "message",
                p.message())).toList());
        document.put("notes", splits.notes());
        document.put("excluded", splits.excluded());
        document.put("tasks", taskEntries(catalog, splits));
        Map<String, Object> parts = new LinkedHashMap<>();
        SplitSummary.of(splits).parts().forEach((name, part) -> parts.put(name, part));
        document.put("splits", parts);
        Map<String, Object> leaks = new LinkedHashMap<>();
        leakage.splits().forEach((s, l) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("evaluationInstances", l.evaluationInstances());
            entry.put("ngramPairs", l.ngramPairs());
            entry.put("instancesWithNgramOverlap", l.instancesWithNgramOverlap());
            entry.put("exactMatches", l.exactMatches());
            entry.put("examples", l.examples());
            leaks.put(s.id(), entry);
        });
        document.put("leakage", leaks);
        if (show > 0) {
            document.put("prompts", prompts.stream().map(this::promptEntry).toList());
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        context.out().println(mapper.writeValueAsString(document));
    }

    private static List<Map<String, Object>> taskEntries(TaskCatalog catalog, Splits splits) {
        Map<String, String> role = new HashMap<>();
        Map<String, Integer> trainCount = new HashMap<>();
        Map<String, Integer> evalCount = new HashMap<>();
        splits.train().forEach(t -> {
            role.put(t.id(), "tuned");
            trainCount.put(t.id(), t.instances().size());
        });
        splits.evaluation().forEach((s, list) -> list.forEach(t -> {
            role.putIfAbsent(t.id(), s.id());
            evalCount.put(t.id(), t.instances().size());
        }));
        splits.excluded().forEach(id -> role.put(id, "excluded"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Task task : catalog.tasks()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", task.id());
            entry.put("category", task.category());
            entry.put("source", task.source());
            entry.put("from", catalog.sourceOfTask().get(task.id()).toString());
            entry.put("answers", SplitSummary.AnswerKind.of(task).id());
            entry.put("instances", task.instances().size());
            entry.put("role", role.get(task.id()));
            entry.put("trainInstances", trainCount.getOrDefault(task.id(), 0));
            entry.put("evalInstances", evalCount.getOrDefault(task.id(), 0));
            out.add(entry);
        }
        return out;
    }

    private Map<String, Object> promptEntry(Shown shown) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("split", shown.split().id());
        entry.put("task", shown.task().id());
        entry.put("instance", shown.instance().id());
        if (shown.error() != null) {
            entry.put("error", shown.error());
        } else {
            entry.put("source", shown.prompt().source());
            entry.put("target", shown.prompt().target());
            entry.put("continuations", shown.prompt().continuations());
            entry.put("stopSequences", shown.prompt().stopSequences());
        }
        return entry;
    }
}
