package org.imlbench.harness.plugins;

import java.util.Objects;

/**
 * A plugin that could not be loaded; the others still are.
 *
 * @param origin the jar or folder that failed ("built-in" for a provider on the harness's own module path)
 * @param cause what went wrong, on one line
 */
public record PluginFailure(String origin, String cause) {
    /** Checks for nulls and folds the cause onto one line. */
    public PluginFailure {
        Objects.requireNonNull(origin, "origin");
        cause = OneLine.of(Objects.requireNonNull(cause, "cause"));
    }

    /** @return {@code origin: cause}, as printed after {@code plugin error: } */
    @Override
    public String toString() {
        return origin + ": " + cause;
    }
}
