package org.imlbench.api;

/**
 * The version of this API, as a single increasing level.
 *
 * <p>A plugin returns {@link #LEVEL} from {@link Plugin#apiLevel()}. Because {@code LEVEL} is a compile-time
 * constant, the value is inlined into the plugin's class file: it records the level the plugin was compiled
 * against, not the level of the harness it runs in. The harness loads a plugin when
 * {@link #MIN_SUPPORTED_LEVEL} &le; its level &le; {@link #LEVEL} and refuses it otherwise.
 */
public final class ImlbenchApi {
    /**
     * The level of this API. Raised whenever a type or method is added; old plugins keep working. Level 3 added the
     * optional token-level view of a model ({@link TokenView}, {@link Capability#TOKENS}) and a backend's own
     * benchmark workloads ({@link BenchmarkWorkloads}); level 4 the parsed {@code --device}
     * ({@link DeviceSelection}, {@link ModelRequest#devices()}) and the data sets a task source can download
     * ({@link TaskCategoryProvider#dataSets()}).
     */
    public static final int LEVEL = 4;
    /**
     * The oldest plugin level this API still runs. Raised only on an incompatible change: level 2 streamed tasks
     * ({@link TaskCategoryProvider#read}) and training examples ({@link TrainingExamples}) and typed
     * {@link Options}, which level-1 plugins cannot call.
     */
    public static final int MIN_SUPPORTED_LEVEL = 2;

    private ImlbenchApi() {
    }

    /**
     * Whether a plugin compiled against {@code level} can run against this API.
     *
     * @param level the plugin's {@link Plugin#apiLevel()}
     * @return true when the level is within [{@link #MIN_SUPPORTED_LEVEL}, {@link #LEVEL}]
     */
    public static boolean supports(int level) {
        return level >= MIN_SUPPORTED_LEVEL && level <= LEVEL;
    }
}
