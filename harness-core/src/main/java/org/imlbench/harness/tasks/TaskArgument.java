package org.imlbench.harness.tasks;

import java.nio.file.Path;
import java.util.Optional;
import org.imlbench.api.Options;
import org.imlbench.api.TaskSource;
import org.imlbench.api.UsageException;

/**
 * One {@code --tasks KIND[=PATH]} argument as typed.
 *
 * @param kind the task-category provider's name
 * @param path the text after {@code =}, if any
 */
public record TaskArgument(String kind, Optional<String> path) {
    /**
     * @param argument e.g. {@code synthetic}, {@code csv=data/tasks.csv}
     * @return the parsed argument
     * @throws UsageException when the kind is missing or malformed, or {@code =} has no path after it
     */
    public static TaskArgument parse(String argument) {
        String text = argument.strip();
        int eq = text.indexOf('=');
        String kind = eq < 0 ? text : text.substring(0, eq).strip();
        if (!kind.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new UsageException("--tasks " + argument + ": expected KIND[=PATH] with KIND a task "
                    + "provider name (lower case, digits, '-', '_', '.')");
        }
        if (eq < 0) {
            return new TaskArgument(kind, Optional.empty());
        }
        String path = text.substring(eq + 1).strip();
        if (path.isEmpty()) {
            throw new UsageException("--tasks " + argument + ": no path after '='");
        }
        return new TaskArgument(kind, Optional.of(path));
    }

    /**
     * @param workDir the directory a relative path is resolved against
     * @param seed the run's seed
     * @param skipBadTasks whether unreadable files are skipped
     * @param options provider options ({@code --task-option key=value})
     * @return the source handed to the provider
     */
    public TaskSource toSource(Path workDir, long seed, boolean skipBadTasks, Options options) {
        return new TaskSource(kind, path.map(p -> workDir.resolve(p).normalize()), seed, skipBadTasks, options);
    }

    @Override
    public String toString() {
        return path.map(p -> kind + "=" + p).orElse(kind);
    }
}
