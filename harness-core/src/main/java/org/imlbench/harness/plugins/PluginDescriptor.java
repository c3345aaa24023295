package org.imlbench.harness.plugins;

import java.util.List;
import java.util.Objects;
import org.imlbench.api.OptionKey;
import org.imlbench.api.PluginKind;

/**
 * One loaded plugin, as listed by {@code harness plugins}.
 *
 * @param kind the plugin's kind
 * @param name its name, unique within the kind
 * @param version the module version, else the jar manifest's {@code Implementation-Version}, else "unversioned"
 * @param module the name of the module that provides it ("unnamed" when loaded from the class path)
 * @param origin "built-in", or the path of the drop-in jar that holds it
 * @param description the plugin's one-line description
 * @param options the options the plugin declares ({@code --task-option}/{@code --backend-option} keys)
 */
public record PluginDescriptor(PluginKind kind, String name, String version, String module, String origin,
                               String description, List<OptionKey<?>> options) {
    /** Label for plugins that ship with the harness (boot layer or class path). */
    public static final String BUILT_IN = "built-in";

    /** Checks for nulls. */
    public PluginDescriptor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(origin, "origin");
        description = description == null ? "" : description;
        options = List.copyOf(options);
    }
}
