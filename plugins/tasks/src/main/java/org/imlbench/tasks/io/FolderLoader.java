package org.imlbench.tasks.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskProblem;

/**
 * Loads every matching file of a folder with one reader, either failing on the first bad file or, when bad tasks
 * are skipped, recording it as a {@link TaskProblem} and going on with the others.
 */
public final class FolderLoader {
    /** Reads one task file. */
    @FunctionalInterface
    public interface TaskReader {
        /**
         * @param file the file
         * @return its task
         * @throws TaskLoadException when the file is wrong; the message names it
         */
        Task read(Path file) throws TaskLoadException;
    }

    /**
     * What a folder gave.
     *
     * @param tasks the tasks read, in file-name order
     * @param problems the files skipped
     */
    public record Result(List<Task> tasks, List<TaskProblem> problems) {
        /** Copies the lists. */
        public Result {
            tasks = List.copyOf(tasks);
            problems = List.copyOf(problems);
        }
    }

    private FolderLoader() {
    }

    /**
     * Lists a folder's files whose names end with {@code suffix}, sorted by name (so that loading is
     * deterministic whatever the file system's order).
     *
     * @param folder the folder
     * @param suffix e.g. {@code .json}
     * @return the files
     * @throws TaskLoadException when the folder does not exist or cannot be listed
     */
    public static List<Path> list(Path folder, String suffix) throws TaskLoadException {
        if (!Files.isDirectory(folder)) {
            throw new TaskLoadException(folder.toString(), "not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new TaskLoadException(folder.toString(), "cannot list: " + e, e);
        }
    }

    /**
     * Reads files one by one.
     *
     * @param files the files
     * @param reader reads one
     * @param skipBadTasks whether a bad file is skipped (and reported) rather than fatal
     * @return the tasks and the skipped files
     * @throws TaskLoadException the first bad file's error, when bad tasks are not skipped
     */
    public static Result load(List<Path> files, TaskReader reader, boolean skipBadTasks) throws TaskLoadException {
        List<Task> tasks = new ArrayList<>();
        List<TaskProblem> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                tasks.add(readOne(file, reader));
            } catch (TaskLoadException e) {
                if (!skipBadTasks) {
                    throw e;
                }
                String prefix = e.file() + ": ";
                String message = e.getMessage().startsWith(prefix)
                        ? e.getMessage().substring(prefix.length()) : e.getMessage();
                problems.add(new TaskProblem(e.file(), message));
            }
        }
        return new Result(tasks, problems);
    }

    /**
     * Reads one file, turning an invariant broken by its content (thrown by the API's value types) into an error
     * that names the file.
     *
     * @param file the file
     * @param reader reads it
     * @return its task
     * @throws TaskLoadException when the file is wrong
     */
    public static Task readOne(Path file, TaskReader reader) throws TaskLoadException {
        try {
            return reader.read(file);
        } catch (IllegalArgumentException e) {
            throw new TaskLoadException(file.toString(), e.getMessage(), e);
        }
    }
}
