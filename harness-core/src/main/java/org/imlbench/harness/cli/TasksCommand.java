package org.imlbench.harness.cli;

import com.beust.jcommander.DynamicParameter;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.UsageException;
import org.imlbench.harness.run.BenchmarkPlan;
import org.imlbench.harness.run.ConsoleProgress;
import org.imlbench.harness.splits.LeakageException;
import org.imlbench.harness.splits.LeakageGuard;
import org.imlbench.harness.splits.LeakageReport;
import org.imlbench.harness.tasks.DefaultFormat;

/**
 * {@code harness tasks}: loads the task sources, cuts the splits and shows, per split and category, task and
 * instance counts (option and generation tasks), the train/evaluation leakage report and, with {@code --show N},
 * rendered prompts, through the {@link BenchmarkPlan} every command shares; {@link TasksTextRenderer} and
 * {@link TasksJsonRenderer} (with {@code --json}) write what it found.
 */
@Parameters(commandNames = TasksCommand.NAME, commandDescription = "Load task sources, cut the generalization splits "
        + "and show per split and category the task and instance counts, option vs generation tasks, the leakage "
        + "report and (--show N) rendered prompts. With no --tasks: the synthetic suite.")
public final class TasksCommand implements CliCommand {
    static final String NAME = "tasks";

    @Parameter(names = "--tasks", description = "Task source KIND[=PATH], repeatable: KIND is a task-categories "
            + "plugin ('harness plugins' lists them, their descriptions say what PATH is). Default: synthetic")
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
    @Parameter(names = "--format", description = "Prompt format for --show (default: the task sources' own, e.g. "
            + "lm-eval for lm-eval tasks, else optiml)")
    private String format;
    @Parameter(names = "--shots", description = "Demonstrations per prompt for --show")
    private int shots;
    @Parameter(names = "--allow-overlap", description = "Accept splits in which an evaluation input equals a "
            + "training input")
    private boolean allowOverlap;
    @Parameter(names = "--skip-bad-tasks", description = "Skip unreadable task files, reporting each")
    private boolean skipBadTasks;
    @Parameter(names = "--print-spec", description = "Print the split spec in use (JSON, to copy and edit) and stop")
    private boolean printSpec;
    @Parameter(names = "--quiet", description = "No progress bar while loading")
    private boolean quiet;

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
        UsageException.requireAtLeast("--show", show, 0);
        try (BenchmarkPlan plan = BenchmarkPlan.prepare(context.plugins(), context.workDir(),
                new BenchmarkPlan.Request(tasks, taskOptions, split, seed, skipBadTasks, false,
                        format != null ? format : DefaultFormat.forTasks(context.plugins(), tasks), shots))) {
            plan.load(new ConsoleProgress(context.err(), !quiet));
            if (printSpec) {
                context.out().println(plan.spec().toJson());
                return Main.OK;
            }
            plan.cut();
            LeakageReport leakage = plan.leakage();
            TasksReport report = TasksReport.of(plan, split, leakage, show);
            if (json) {
                TasksJsonRenderer.render(report, context.out());
            } else {
                TasksTextRenderer.render(report, context.out());
            }
            if (context.verbose()) {
                plan.timings().forEach(line -> context.err().println(line));
            }
            if (!allowOverlap) {
                try {
                    LeakageGuard.refuseExactMatches(leakage);
                } catch (LeakageException e) {
                    context.err().println("error: " + e.getMessage());
                    return Main.FAILURE;
                }
            }
            return Main.OK;
        }
    }
}
