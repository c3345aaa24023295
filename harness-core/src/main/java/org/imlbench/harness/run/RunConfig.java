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
public record RunConfig(RunMode command, List<String> tasks, Map<String, String> taskOptions, String splitSpec,
                        long seed, String format, int shots,
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

    /**
     * A builder, so that call sites name every value they set (twenty positional arguments cannot be read).
     *
     * @param command what the run does
     * @return a builder with the harness's defaults: the synthetic tasks, seed 1, the optiml format, zero shots,
     *         the djl backend on the CPU, the embedded model, 32 new tokens, every metric, no tuning recipe
     */
    public static Builder builder(RunMode command) {
        return new Builder(command);
    }

    /** Sets a {@link RunConfig}'s values one by one; {@link #build()} checks them together. */
    public static final class Builder {
        private final RunMode command;
        private List<String> tasks = List.of("synthetic");
        private Map<String, String> taskOptions = Map.of();
        private String splitSpec;
        private long seed = 1;
        private String format = "optiml";
        private int shots;
        private Integer limit;
        private String backend = "djl";
        private String tuneBackend;
        private String model = "embedded";
        private String tuned;
        private String device = "cpu";
        private Map<String, String> backendOptions = Map.of();
        private int maxNewTokens = 32;
        private List<String> metrics = List.of();
        private String headlineMetric;
        private boolean allowOverlap;
        private boolean skipBadTasks;
        private TuningConfig tuning;
        private Shard shard;

        private Builder(RunMode command) {
            this.command = command;
        }

        /** @param value the {@code --tasks} arguments @return this */
        public Builder tasks(List<String> value) {
            tasks = value;
            return this;
        }

        /** @param value the task source options @return this */
        public Builder taskOptions(Map<String, String> value) {
            taskOptions = value;
            return this;
        }

        /** @param value the split spec file, or null for the source's default @return this */
        public Builder splitSpec(String value) {
            splitSpec = value;
            return this;
        }

        /** @param value the seed @return this */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** @param value the prompt format @return this */
        public Builder format(String value) {
            format = value;
            return this;
        }

        /** @param value demonstrations per prompt @return this */
        public Builder shots(int value) {
            shots = value;
            return this;
        }

        /** @param value the most instances per task, or null @return this */
        public Builder limit(Integer value) {
            limit = value;
            return this;
        }

        /** @param value the model backend @return this */
        public Builder backend(String value) {
            backend = value;
            return this;
        }

        /** @param value the backend that tunes, or null for the evaluating backend @return this */
        public Builder tuneBackend(String value) {
            tuneBackend = value;
            return this;
        }

        /** @param value the base (run) or evaluated (eval) model @return this */
        public Builder model(String value) {
            model = value;
            return this;
        }

        /** @param value an existing tuned model, or null @return this */
        public Builder tuned(String value) {
            tuned = value;
            return this;
        }

        /** @param value the device @return this */
        public Builder device(String value) {
            device = value;
            return this;
        }

        /** @param value backend options @return this */
        public Builder backendOptions(Map<String, String> value) {
            backendOptions = value;
            return this;
        }

        /** @param value the generation limit @return this */
        public Builder maxNewTokens(int value) {
            maxNewTokens = value;
            return this;
        }

        /** @param value the reported metrics, empty for all @return this */
        public Builder metrics(List<String> value) {
            metrics = value;
            return this;
        }

        /** @param value the headline metric, or null for the default rule @return this */
        public Builder headlineMetric(String value) {
            headlineMetric = value;
            return this;
        }

        /** @param value whether evaluation inputs may equal training inputs @return this */
        public Builder allowOverlap(boolean value) {
            allowOverlap = value;
            return this;
        }

        /** @param value whether unreadable task files are skipped @return this */
        public Builder skipBadTasks(boolean value) {
            skipBadTasks = value;
            return this;
        }

        /** @param value the tuning recipe, or null @return this */
        public Builder tuning(TuningConfig value) {
            tuning = value;
            return this;
        }

        /** @param value the shard this run evaluates, or null for all @return this */
        public Builder shard(Shard value) {
            shard = value;
            return this;
        }

        /** @return the configuration */
        public RunConfig build() {
            return new RunConfig(command, tasks, taskOptions, splitSpec, seed, format, shots, limit, backend,
                    tuneBackend, model, tuned, device, backendOptions, maxNewTokens, metrics, headlineMetric,
                    allowOverlap, skipBadTasks, tuning, shard);
        }
    }
}
