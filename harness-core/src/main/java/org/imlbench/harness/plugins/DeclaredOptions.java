package org.imlbench.harness.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.imlbench.api.OptionKey;
import org.imlbench.api.Options;
import org.imlbench.api.Plugin;

/**
 * Checks {@code --backend-option} and {@code --task-option} keys against the options that the plugins receiving them
 * declare, before any of them runs: a misspelled key is a usage error naming the known keys, never silently ignored.
 * One set of options goes to every plugin of its kind in a command (every {@code --tasks} source; the evaluating and
 * the tuning backend), so a key is known when any of them declares it.
 */
public final class DeclaredOptions {
    private DeclaredOptions() {
    }

    /**
     * @param given the {@code --backend-option} settings
     * @param backends the backends that will receive them
     * @return the settings as options
     * @throws org.imlbench.api.UsageException naming the first unknown key and the known ones
     */
    public static Options forBackends(Map<String, String> given, Collection<? extends Plugin> backends) {
        return check("--backend-option", "backend", given, backends);
    }

    /**
     * @param given the {@code --task-option} settings
     * @param providers the task sources that will receive them
     * @return the settings as options
     * @throws org.imlbench.api.UsageException naming the first unknown key and the known ones
     */
    public static Options forTaskSources(Map<String, String> given, Collection<? extends Plugin> providers) {
        return check("--task-option", "task source", given, providers);
    }

    private static Options check(String flag, String kind, Map<String, String> given,
                                 Collection<? extends Plugin> plugins) {
        List<OptionKey<?>> known = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Plugin plugin : plugins) {
            known.addAll(plugin.declaredOptions());
            if (!names.contains(plugin.name())) {
                names.add(plugin.name());
            }
        }
        String owner = kind + (names.size() == 1 ? " " : "s ") + String.join(", ", names);
        return Options.of(given).requireKnown(flag, owner, known);
    }
}
