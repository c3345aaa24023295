package org.imlbench.harness.plugins;

/** Thrown by {@link PluginRegistry#discover} in strict mode at the first plugin that cannot be loaded. */
public class PluginLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient PluginFailure failure;

    /** @param failure the plugin that failed and why */
    public PluginLoadException(PluginFailure failure) {
        super("plugin error: " + failure);
        this.failure = failure;
    }

    /** @return the plugin that failed and why */
    public PluginFailure failure() {
        return failure;
    }
}
