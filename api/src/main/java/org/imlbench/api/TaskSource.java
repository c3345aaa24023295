package org.imlbench.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code --tasks KIND[=PATH]} argument, handed to the provider whose name is {@code KIND}.
 *
 * @param kind the provider name
 * @param path the file or folder after {@code =}, if any
 * @param seed the run's seed, for providers that generate or sample
 * @param skipBadTasks when true, a provider reading a folder skips files it cannot read and reports each one as a
 *                     {@link TaskProblem} instead of failing
 * @param options provider-specific settings ({@code --task-option key=value}), read through the provider's
 *                {@linkplain Plugin#declaredOptions() declared options}
 */
public record TaskSource(String kind, Optional<Path> path, long seed, boolean skipBadTasks, Options options) {
    /** Checks for nulls. */
    public TaskSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
    }

    /**
     * The path, or a clear error when the provider needs one.
     *
     * @return the path
     * @throws UsageException when no path was given
     */
    public Path requirePath() {
        return path.orElseThrow(() -> new UsageException("--tasks " + kind + " needs a path: use --tasks " + kind
                + "=PATH"));
    }
}
