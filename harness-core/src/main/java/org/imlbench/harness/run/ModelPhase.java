package org.imlbench.harness.run;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.Task;
import org.imlbench.rundir.Role;
import org.imlbench.rundir.RunDirectory;
import org.imlbench.rundir.SampleRecord;
import org.imlbench.rundir.Split;
import org.imlbench.rundir.TaskOutcome;

/**
 * Evaluates one model on every evaluation split of a benchmark, task by task, writing each task's samples and
 * completion marker as soon as it is done. Tasks already marked done (by an interrupted run being resumed) are
 * skipped, so a resumed run does the remaining work only and ends with the same files; a task whose evaluation
 * failed (a model server that was down, say) is evaluated again.
 */
public final class ModelPhase {
    private final RunDirectory runDirectory;
    private final TaskEvaluator evaluator;
    private final ConsoleProgress progress;
    private final ShardPlan shard;

    /**
     * @param runDirectory where results go
     * @param evaluator evaluates one task
     * @param progress draws the bars
     * @param shard which instances this run evaluates ({@link ShardPlan#all()} unless sharded)
     */
    public ModelPhase(RunDirectory runDirectory, TaskEvaluator evaluator, ConsoleProgress progress, ShardPlan shard) {
        this.runDirectory = runDirectory;
        this.shard = shard;
        this.evaluator = evaluator;
        this.progress = progress;
    }

    /**
     * The counts of one model's evaluation.
     *
     * @param tasks tasks evaluated in all (including those finished earlier)
     * @param failed tasks whose evaluation failed
     * @param missing instances without a prediction
     */
    public record Outcome(int tasks, int failed, int missing) {
    }

    /**
     * Evaluates the model.
     *
     * @param model the loaded model
     * @param role its role
     * @param benchmark the splits
     * @return the counts
     * @throws IOException when results cannot be written
     */
    public Outcome evaluate(LanguageModel model, Role role, Benchmark benchmark) throws IOException {
        int tasks = 0;
        int failed = 0;
        int missing = 0;
        for (Map.Entry<Split, List<Task>> split : benchmark.evaluation().entrySet()) {
            long total = 0;
            for (Task task : split.getValue()) {
                total += shard.positions(split.getKey(), task).length;
            }
            try (ConsoleProgress.Bar bar = progress.start(role + " · " + split.getKey(), total, "inst")) {
                long before = 0;
                for (Task task : split.getValue()) {
                    int[] positions = shard.positions(split.getKey(), task);
                    if (positions.length == 0) {
                        continue; // another shard evaluates this task
                    }
                    TaskOutcome outcome = runDirectory.finished(split.getKey(), role, task.id())
                            .filter(done -> !done.failed()).orElse(null);
                    if (outcome == null) {
                        outcome = evaluateTask(model, role, split.getKey(), task, positions, benchmark.prompts(), bar,
                                before);
                    }
                    tasks++;
                    failed += outcome.failed() ? 1 : 0;
                    missing += outcome.missing();
                    before += positions.length;
                    bar.stepTo(before);
                }
            }
        }
        return new Outcome(tasks, failed, missing);
    }

    /**
     * A task whose evaluation throws is recorded as failed (Allure shows it as broken) and the run goes on: one
     * bad task must not cost the results of all the others.
     */
    private TaskOutcome evaluateTask(LanguageModel model, Role role, Split split, Task task, int[] positions,
                                     PromptSource prompts, ConsoleProgress.Bar bar, long before) throws IOException {
        bar.message(task.id());
        TaskOutcome outcome;
        List<SampleRecord> samples;
        try {
            samples = evaluator.evaluate(model, task, positions, prompts, split, role,
                    (done, total) -> bar.stepTo(before + done));
            int missing = (int) samples.stream().filter(SampleRecord::missing).count();
            outcome = TaskOutcome.of(task.id(), samples.size(), missing, null);
        } catch (RuntimeException | IOException e) {
            samples = List.of();
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            outcome = TaskOutcome.of(task.id(), 0, 0, cause);
        }
        runDirectory.writeTask(split, role, outcome, samples);
        return outcome;
    }
}
