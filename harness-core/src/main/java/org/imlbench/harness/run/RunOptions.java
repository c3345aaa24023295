package org.imlbench.harness.run;

import com.beust.jcommander.DynamicParameter;
import com.beust.jcommander.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.TuningConfig;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.tasks.DefaultFormat;
import org.imlbench.rundir.RunMode;

/**
 * The options {@code harness run}, {@code harness eval} and {@code harness tune} share: tasks, prompts and the model
 * ({@link EvaluationOptions} holds those of the commands that evaluate). Every field is null unless given, so that a
 * configuration read with {@code --config run.json} is overridden only by what the user typed.
 */
public final class RunOptions {
    /** The model {@code harness run} uses when none is given: the embedded OPT of the djl backend. */
    public static final String EMBEDDED_MODEL = "embedded";
    /**
     * The embedded model's generation limit: synthetic answers are at most 12 characters (13 byte tokens with the
     * leading space, plus {@code </s>}), and an untuned model never stops early, so 256 would only cost time.
     */
    public static final int EMBEDDED_MAX_NEW_TOKENS = 16;

    @Parameter(names = "--tasks", description = "Task source KIND[=PATH], repeatable: KIND is a task-categories "
            + "plugin ('harness plugins' lists them, their descriptions say what PATH is). Default: synthetic")
    List<String> tasks;
    @DynamicParameter(names = "--task-option", description = "Task source option key=value, repeatable (e.g. "
            + "instances=500 for synthetic)")
    Map<String, String> taskOptions = new LinkedHashMap<>();
    @Parameter(names = "--split", description = "Split spec file (JSON); default: the task source's own spec")
    String split;
    @Parameter(names = "--seed", description = "Seed for splits, demonstrations, tuning and bootstrap. Default: 1")
    Long seed;
    @Parameter(names = "--format", description = "Prompt format plugin. Default: the task sources' own when they "
            + "all name one (lm-eval, promptsource), else optiml")
    String format;
    @Parameter(names = "--shots", description = "Demonstrations per prompt. Default: 0")
    Integer shots;
    @Parameter(names = "--backend", description = "Model backend plugin. Default: djl")
    String backend;
    /** Set by {@code harness run --tune-backend} ({@link #tuneBackend}); {@code harness tune} uses --backend. */
    String tuneBackend;
    @Parameter(names = "--model", description = "Model: a checkpoint directory, a hub id (facebook/opt-125m) or "
            + "'embedded'. Default: embedded")
    String model;
    @Parameter(names = "--device", description = "cpu, gpu, gpu:0 or gpu:0,1. Default: cpu")
    String device;
    @DynamicParameter(names = "--backend-option", description = "Backend option key=value, repeatable")
    Map<String, String> backendOptions = new LinkedHashMap<>();
    @Parameter(names = "--skip-bad-tasks", description = "Skip unreadable task files, reporting each")
    Boolean skipBadTasks;

    /**
     * Resolves the configuration: a value typed on the command line wins, then the value of {@code base} (read from
     * {@code --config}), then the default.
     *
     * @param plugins the plugins: the task sources' default prompt format applies when none is given
     * @param command what the run does
     * @param base a configuration read from a file, or null
     * @param tuned the {@code --tuned} model, or null
     * @param tuning the tuning recipe when the run tunes, or null
     * @param evaluation the evaluation options ({@link EvaluationOptions#none()} for a command that evaluates nothing)
     * @return the resolved configuration
     */
    public RunConfig resolve(PluginRegistry plugins, RunMode command, RunConfig base, String tuned,
                             TuningConfig tuning, EvaluationOptions evaluation) {
        String resolvedModel = pick(model, base == null ? null : base.model(), EMBEDDED_MODEL);
        boolean embedded = EMBEDDED_MODEL.equals(resolvedModel);
        List<String> resolvedTasks = pick(tasks, base == null ? null : base.tasks(), List.of("synthetic"));
        String resolvedBackend = pick(backend, base == null ? null : base.backend(), "djl");
        Map<String, String> options = new LinkedHashMap<>(base == null ? Map.of() : base.backendOptions());
        options.putAll(backendOptions);
        Map<String, String> sourceOptions = new LinkedHashMap<>(base == null ? Map.of() : base.taskOptions());
        sourceOptions.putAll(taskOptions);
        RunConfig.Builder builder = RunConfig.builder(command)
                .tasks(resolvedTasks)
                .taskOptions(sourceOptions)
                .splitSpec(pick(split, base == null ? null : base.splitSpec(), null))
                .seed(pick(seed, base == null ? null : base.seed(), 1L))
                .format(pick(format, base == null ? null : base.format(),
                        DefaultFormat.forTasks(plugins, resolvedTasks)))
                .shots(pick(shots, base == null ? null : base.shots(), 0))
                .backend(resolvedBackend)
                .tuneBackend(pick(tuneBackend, separateTuneBackend(base), resolvedBackend))
                .model(resolvedModel)
                .tuned(tuned)
                .device(pick(device, base == null ? null : base.device(), "cpu"))
                .backendOptions(options)
                .skipBadTasks(pick(skipBadTasks, base == null ? null : base.skipBadTasks(), false))
                .tuning(tuning);
        return evaluation.apply(builder, base, embedded).build();
    }

    /** @return the model as typed, or null */
    public String model() {
        return model;
    }

    /**
     * Sets the model when a command derives it from another option (eval's --predictions).
     *
     * @param name the model's name
     */
    public void model(String name) {
        this.model = name;
    }

    /**
     * Sets the backend that tunes when a command takes it ({@code harness run --tune-backend}).
     *
     * @param name the backend's name, or null for the evaluating backend
     */
    public void tuneBackend(String name) {
        this.tuneBackend = name;
    }

    /**
     * Adds a backend option as if typed with --backend-option.
     *
     * @param key the option
     * @param value its value
     */
    public void backendOption(String key, String value) {
        backendOptions.put(key, value);
    }

    /** The base configuration's tune backend when it was chosen apart from its backend; else it follows --backend. */
    private static String separateTuneBackend(RunConfig base) {
        return base == null || base.tuneBackend().equals(base.backend()) ? null : base.tuneBackend();
    }

    /**
     * @param typed the value typed on the command line, or null
     * @param fromFile the value of the configuration read from a file, or null
     * @param fallback the default
     * @param <T> the value's type
     * @return the first of them that is not null
     */
    static <T> T pick(T typed, T fromFile, T fallback) {
        if (typed != null) {
            return typed;
        }
        return fromFile != null ? fromFile : fallback;
    }
}
