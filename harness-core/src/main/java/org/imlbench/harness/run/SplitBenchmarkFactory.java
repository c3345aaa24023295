package org.imlbench.harness.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskProblem;
import org.imlbench.api.UsageException;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.splits.LeakageException;
import org.imlbench.harness.splits.LeakageGuard;
import org.imlbench.harness.splits.LeakageReport;
import org.imlbench.harness.store.TrainingExampleStore;
import org.imlbench.rundir.RunMode;
import org.imlbench.rundir.Split;

/**
 * Builds a benchmark through the {@link BenchmarkPlan}: OPT-IML's three generalization splits for {@code run}, and
 * for {@code eval} one split {@code all} holding every loaded task (as fully held-out tasks, so that demonstrations
 * come from each task's other instances and the spec's evaluation cap still applies).
 */
final class SplitBenchmarkFactory implements BenchmarkFactory {
    private final PluginRegistry plugins;
    private final Path workDir;
    private final PrintStream out;
    private final ConsoleProgress progress;

    SplitBenchmarkFactory(PluginRegistry plugins, Path workDir, PrintStream out, ConsoleProgress progress) {
        this.plugins = plugins;
        this.workDir = workDir;
        this.out = out;
        this.progress = progress;
    }

    @Override
    public Benchmark build(RunConfig config) throws IOException, TaskLoadException, LeakageException {
        boolean eval = config.command() == RunMode.EVAL;
        if (config.limit() != null) {
            UsageException.requireAtLeast("--limit", config.limit(), 1);
        }
        BenchmarkPlan plan = BenchmarkPlan.prepare(plugins, workDir, new BenchmarkPlan.Request(config.tasks(),
                config.taskOptions(), config.splitSpec(), config.seed(), config.skipBadTasks(), eval, config.format(),
                config.shots()));
        try {
            plan.load(progress);
            for (TaskProblem problem : plan.loaded().problems()) {
                out.println("skipped " + problem);
            }
            plan.cut();
            if (!eval) {
                LeakageReport leakage = plan.leakage();
                if (!config.allowOverlap()) {
                    LeakageGuard.refuseExactMatches(leakage);
                }
                for (LeakageReport.SplitLeakage split : leakage.splits().values()) {
                    if (split.ngramPairs() > 0) {
                        out.printf("leakage: %s: %d train/eval pairs share a 13-gram%n", split.split(),
                                split.ngramPairs());
                    }
                }
            }
            Map<Split, List<Task>> evaluation = new LinkedHashMap<>();
            if (eval) {
                evaluation.put(Split.ALL, limit(plan.splits().fullyHeldOut(), config.limit()));
            } else {
                for (Split split : Split.generalization()) {
                    evaluation.put(split, limit(plan.splits().evaluation(split), config.limit()));
                }
            }
            TrainingSet training = config.tunes() ? training(plan) : TrainingSet.none();
            return new Benchmark(evaluation, training, plan.prompts(), plan.loaded().knownInstances(), plan::close);
        } catch (IOException | TaskLoadException | LeakageException | RuntimeException | Error e) {
            plan.close();
            throw e;
        }
    }

    private static TrainingSet training(BenchmarkPlan plan) {
        return new TrainingSet() {
            @Override
            public long size() {
                return plan.trainingExampleCount();
            }

            @Override
            public TrainingExampleStore write(Path dir) throws IOException {
                // a run directory holds one configuration, so a complete store left by an interrupted run is this one
                return plan.trainingExamples(dir, true);
            }
        };
    }

    private static List<Task> limit(List<Task> tasks, Integer limit) {
        if (limit == null) {
            return tasks;
        }
        List<Task> limited = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            limited.add(task.instances().size() <= limit ? task
                    : task.withInstances(task.instances().subList(0, limit)));
        }
        return limited;
    }
}
