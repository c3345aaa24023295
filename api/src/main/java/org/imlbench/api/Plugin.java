package org.imlbench.api;

import java.util.List;

/**
 * What every plugin, of whatever kind, tells the harness about itself.
 *
 * <p>Implementations must have a public no-argument constructor (or a public static {@code provider()} method) so
 * that {@link java.util.ServiceLoader} can create them, and must be cheap to construct: the harness instantiates
 * every provider to list it.
 */
public interface Plugin {
    /**
     * The plugin's name, unique within its kind: what users type on the command line ({@code --tasks niv2=DIR},
     * {@code --format optiml}, {@code --backend djl}, {@code --metrics rouge_l}). Lower case, digits, {@code -},
     * {@code _} and {@code .}.
     *
     * @return the name
     */
    String name();

    /**
     * The API level this plugin was compiled against; implement it as {@code return ImlbenchApi.LEVEL;}.
     *
     * @return the level, checked by the harness before the plugin is used
     */
    int apiLevel();

    /**
     * One line describing the plugin, shown by {@code harness plugins}.
     *
     * @return a short description, never null
     */
    default String description() {
        return "";
    }

    /**
     * The options this plugin reads ({@code --backend-option}, {@code --task-option}): the harness lists them and
     * refuses keys that no selected plugin declares before the plugin runs.
     *
     * @return the declared options; empty when the plugin takes none
     */
    default List<OptionKey<?>> declaredOptions() {
        return List.of();
    }
}
