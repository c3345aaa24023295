package org.imlbench.harness.tasks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.harness.plugins.PluginRegistry;

/**
 * The prompt format used when {@code --format} is not given: the one the task sources name as theirs when they all
 * agree (tasks read from lm-evaluation-harness YAML render as lm-eval renders them), else {@value #HARNESS_DEFAULT}.
 * Decided from the providers alone, before any task is read, so that {@code run.json} records it.
 */
public final class DefaultFormat {
    /** The harness's own default: OPT-IML's instruction format. */
    public static final String HARNESS_DEFAULT = "optiml";

    private DefaultFormat() {
    }

    /**
     * @param plugins the plugins
     * @param taskArguments the {@code --tasks KIND[=PATH]} arguments
     * @return the format to use
     */
    public static String forTasks(PluginRegistry plugins, List<String> taskArguments) {
        Set<Optional<String>> named = new LinkedHashSet<>();
        for (String argument : taskArguments) {
            named.add(plugins.get(TaskCategoryProvider.class, TaskArgument.parse(argument).kind()).defaultFormat());
        }
        return named.size() == 1 ? named.iterator().next().orElse(HARNESS_DEFAULT) : HARNESS_DEFAULT;
    }
}
