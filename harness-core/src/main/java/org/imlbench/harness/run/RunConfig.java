package org.imlbench.harness.run;

import java.util.List;
import java.util.Map;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.UsageException;
import org.imlbench.rundir.RunMode;
import org.imlbench.rundir.Shard;

/**
 * The fully resolved configuration of a {@code harness run} or {@code harness eval}: every default filled in, so
 * that {@code --config run.json} reproduces the run exactly. Stored under {@code "config"} in {@code run.json}.
 *
 * @param command what the run does
 * @param tasks the {@code --tasks KIND[=PATH]} arguments
 * @param taskOptions task source options ({@code --task-option key=value})
 * @param splitSpec the split spec file, or null for the task source's default spec
 * @param seed the seed for splits, demonstrations, tuning and bootstrap
 * @param format the prompt format
 * @param shots demonstrations per prompt
 * @param limit the most instances evaluated per task, or null for the split spec's caps
 * @param backend the model backend
 * @param tuneBackend the backend that tunes ({@code --tune-backend}); the evaluating {@code backend} when not given
 * @param model the base model (run) or the evaluated model (eval)
 * @param tuned an existing tuned model to compare against instead of tuning, or null
 * @param device the device
 * @param backendOptions backend-specific options
 * @param maxNewTokens the generation limit
 * @param metrics the metrics to report, or empty for every metric that applies
 * @param headlineMetric the metric categories and splits aggregate ({@code --headline-metric}), or null for the
 *                       default rule (docs/reports.md)
 * @param allowOverlap accept splits in which an evaluation input equals a training input
 * @param skipBadTasks skip unreadable task files instead of failing
 * @param tuning the tuning recipe (run without {@code tuned} only), or null
 * @param shard the part of the instances this run evaluates ({@code --shard K/N}), or null for all
 */
public record RunConfig(RunMode command, List<String> tasks, Map<String, String> taskOptions, String splitSpec, long seed, String format, int shots,
                        Integer limit, String backend, String tuneBackend, String model, String tuned, String device,
                        Map<String, String> backendOptions, int maxNewTokens, List<String> metrics,
                        String headlineMetric,
                        boolean allowOverlap, boolean skipBadTasks, TuningConfig tuning, Shard shard) {
    /**
     * Copies the collections; a missing tune backend (a run.json older than {@code --tune-backend}) is the backend;
     * a sharded run cannot tune (its shards would each tune a different model).
     */
    public RunConfig {
        tuneBackend = tuneBackend == null ? backend : tuneBackend;
        if (shard != null && command == RunMode.RUN && tuned == null) {
            throw new UsageException("--shard needs --tuned CHECKPOINT with run: shards evaluate existing models "
                    + "(tune once with harness tune, then shard the evaluation)");
        }
        tasks = List.copyOf(tasks);
        taskOptions = Map.copyOf(taskOptions);
        backendOptions = Map.copyOf(backendOptions);
        metrics = List.copyOf(metrics);
    }

    /** @return whether this run tunes the base model itself */
    public boolean tunes() {
        return command == RunMode.RUN && tuned == null;
    }
}
