package org.imlbench.harness.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Options;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskProblem;
import org.imlbench.api.TrainingExample;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.splits.LeakageException;
import org.imlbench.harness.splits.LeakageGuard;
import org.imlbench.harness.splits.LeakageReport;
import org.imlbench.harness.splits.PromptRenderer;
import org.imlbench.harness.splits.SplitBuilder;
import org.imlbench.harness.splits.SplitSpec;
import org.imlbench.harness.splits.SplitSpecException;
import org.imlbench.harness.splits.Splits;
import org.imlbench.harness.tasks.TaskCatalog;
import org.imlbench.rundir.RunMode;
import org.imlbench.rundir.Split;

/**
 * Builds a benchmark from the task sources and the split spec: OPT-IML's three generalization splits for
 * {@code run}, and for {@code eval} one split {@code all} holding every loaded task (as fully held-out tasks, so that
 * demonstrations come from each task's other instances and the spec's evaluation cap still applies).
 */
final class SplitBenchmarkFactory implements BenchmarkFactory {
    private final PluginRegistry plugins;
    private final Path workDir;
    private final PrintStream out;

    SplitBenchmarkFactory(PluginRegistry plugins, Path workDir, PrintStream out) {
        this.plugins = plugins;
        this.workDir = workDir;
        this.out = out;
    }

    @Override
    public Benchmark build(RunConfig config) throws IOException {
        TaskCatalog catalog;
        try {
            catalog = TaskCatalog.load(plugins, config.tasks(), workDir, config.seed(), config.skipBadTasks(),
                    Options.of(config.taskOptions()));
        } catch (TaskLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (TaskProblem problem : catalog.problems()) {
            out.println("skipped " + problem);
        }
        SplitSpec spec;
        try {
            spec = config.splitSpec() == null ? catalog.defaultSplitSpec() : SplitSpec.read(workDir.resolve(config.splitSpec()));
        } catch (SplitSpecException e) {
            throw new IOException(e.getMessage(), e);
        }
        boolean eval = config.command() == RunMode.EVAL;
        if (eval) {
            List<String> categories = catalog.tasks().stream().map(Task::category).distinct().toList();
            spec = spec.forEvaluationOnly(categories);
        }
        Splits splits = SplitBuilder.build(catalog.tasks(), spec, config.seed());
        if (!eval) {
            LeakageReport leakage;
            try {
                leakage = LeakageGuard.enforce(splits, config.allowOverlap());
            } catch (LeakageException e) {
                // not an I/O problem, but the same one-line refusal for the user
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            for (LeakageReport.SplitLeakage split : leakage.splits().values()) {
                if (split.ngramPairs() > 0) {
                    out.printf("leakage: %s: %d train/eval pairs share a 13-gram%n", split.split(),
                            split.ngramPairs());
                }
            }
        }
        PromptFormat format = plugins.get(PromptFormat.class, config.format());
        PromptRenderer renderer = new PromptRenderer(splits);
        Map<Split, List<Task>> evaluation = new LinkedHashMap<>();
        if (eval) {
            evaluation.put(Split.ALL, limit(splits.fullyHeldOut(), config.limit()));
        } else {
            for (Split split : Split.generalization()) {
                evaluation.put(split, limit(splits.evaluation(split), config.limit()));
            }
        }
        List<TrainingExample> training = config.tunes() ? renderer.trainingExamples(format) : List.of();
        PromptSource prompts = (task, instance) -> renderer.render(format, task, instance, config.shots(),
                config.seed());
        return new Benchmark(evaluation, training, prompts, catalog.instanceIds());
    }

    private static List<Task> limit(List<Task> tasks, Integer limit) {
        if (limit == null) {
            return tasks;
        }
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1: " + limit);
        }
        List<Task> limited = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            limited.add(task.instances().size() <= limit ? task
                    : task.withInstances(task.instances().subList(0, limit)));
        }
        return limited;
    }
}
