package org.imlbench.harness.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Instance;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.api.TaskProblem;
import org.imlbench.harness.run.BenchmarkPlan;
import org.imlbench.harness.run.PromptSource;
import org.imlbench.harness.splits.LeakageReport;
import org.imlbench.harness.splits.SplitSpec;
import org.imlbench.harness.splits.SplitSummary;
import org.imlbench.harness.splits.Splits;
import org.imlbench.harness.tasks.LoadedTask;
import org.imlbench.harness.tasks.LoadedTasks;
import org.imlbench.rundir.Split;

/**
 * What {@code harness tasks} shows, gathered once from a cut {@link BenchmarkPlan} and then rendered as text or JSON.
 *
 * @param seed the seed
 * @param sources the {@code --tasks} arguments
 * @param splitFile the {@code --split} file as given, or null
 * @param spec the split spec in use
 * @param taskCount how many tasks were loaded
 * @param instanceCount how many instances they have
 * @param problems files skipped by {@code --skip-bad-tasks}
 * @param notes remarks on how the spec was applied
 * @param excluded ids of excluded tasks
 * @param tasks one row per loaded task, in load order
 * @param summary the counts per split and category
 * @param leakage the leakage report
 * @param prompts the rendered prompts of {@code --show}, or null without it
 * @param format the prompt format of the prompts
 * @param shots their demonstrations
 */
record TasksReport(long seed, List<String> sources, String splitFile, SplitSpec spec, int taskCount,
                   long instanceCount, List<TaskProblem> problems, List<String> notes, List<String> excluded,
                   List<TaskRow> tasks, SplitSummary summary, LeakageReport leakage, List<Shown> prompts,
                   String format, int shots) {
    /**
     * One loaded task.
     *
     * @param id its id
     * @param category its category
     * @param source its benchmark
     * @param from the {@code --tasks} argument it came from
     * @param answers option, generation or mixed
     * @param instances its instance count as loaded
     * @param role {@code tuned}, an evaluation split's id, or {@code excluded}
     * @param trainInstances its training instances
     * @param evalInstances its evaluated instances
     */
    record TaskRow(String id, String category, String source, String from, String answers, int instances,
                   String role, int trainInstances, int evalInstances) {
    }

    /**
     * One rendered prompt, or why it could not be rendered.
     *
     * @param split the split
     * @param task the task
     * @param instance the instance
     * @param prompt the prompt, or null
     * @param error the reason, or null
     */
    record Shown(Split split, Task task, Instance instance, RenderedPrompt prompt, String error) {
    }

    /**
     * @param plan a cut plan
     * @param splitFile the {@code --split} file as given, or null
     * @param leakage its leakage report
     * @param show how many prompts of each evaluated task to render, 0 for none
     * @return the report
     */
    static TasksReport of(BenchmarkPlan plan, String splitFile, LeakageReport leakage, int show) {
        LoadedTasks loaded = plan.loaded();
        Splits splits = plan.splits();
        return new TasksReport(plan.request().seed(), loaded.sources().stream().map(Object::toString).toList(),
                splitFile, splits.spec(), loaded.tasks().size(), loaded.instanceCount(), loaded.problems(),
                splits.notes(), splits.excluded(), rows(loaded, splits), SplitSummary.of(splits), leakage,
                show > 0 ? render(splits, plan.prompts(), show) : null, plan.request().format(),
                plan.request().shots());
    }

    private static List<TaskRow> rows(LoadedTasks loaded, Splits splits) {
        Map<String, String> role = new HashMap<>();
        Map<String, Integer> trainCount = new HashMap<>();
        Map<String, Integer> evalCount = new HashMap<>();
        splits.train().forEach(t -> {
            role.put(t.task().id(), "tuned");
            trainCount.put(t.task().id(), t.size());
        });
        splits.evaluation().forEach((s, list) -> list.forEach(t -> {
            role.putIfAbsent(t.id(), s.id());
            evalCount.put(t.id(), t.instances().size());
        }));
        splits.excluded().forEach(id -> role.put(id, "excluded"));
        List<TaskRow> rows = new ArrayList<>();
        for (LoadedTask task : loaded.tasks()) {
            rows.add(new TaskRow(task.id(), task.category(), task.source(), loaded.sourceOf(task).toString(),
                    SplitSummary.AnswerKind.of(task.size(), task.optionInstances()).id(), task.size(),
                    role.get(task.id()), trainCount.getOrDefault(task.id(), 0), evalCount.getOrDefault(task.id(), 0)));
        }
        return rows;
    }

    private static List<Shown> render(Splits splits, PromptSource prompts, int show) {
        List<Shown> out = new ArrayList<>();
        splits.evaluation().forEach((split, tasks) -> {
            for (Task task : tasks) {
                for (Instance instance : task.instances().subList(0, Math.min(show, task.instances().size()))) {
                    try {
                        out.add(new Shown(split, task, instance, prompts.render(task, instance), null));
                    } catch (IllegalArgumentException e) {
                        out.add(new Shown(split, task, instance, null, e.getMessage()));
                        break;
                    }
                }
            }
        });
        return out;
    }
}
