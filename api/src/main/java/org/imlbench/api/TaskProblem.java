package org.imlbench.api;

/**
 * A task file that could not be read and was skipped (see {@link TaskSource#skipBadTasks()}).
 *
 * @param file the file, as the user would find it
 * @param message what is wrong with it, including the line or instance where known
 */
public record TaskProblem(String file, String message) {
    @Override
    public String toString() {
        return file + ": " + message;
    }
}
