package org.imlbench.tasks.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskProblem;
import org.imlbench.api.TaskSink;

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
     * Reads files one by one, handing each task to the sink as soon as it is read.
     *
     * @param files the files
     * @param reader reads one
     * @param skipBadTasks whether a bad file is skipped (and reported to the sink) rather than fatal
     * @param sink receives the tasks and the skipped files
     * @throws TaskLoadException the first bad file's error, when bad tasks are not skipped, or the sink's
     */
    public static void load(List<Path> files, TaskReader reader, boolean skipBadTasks, TaskSink sink)
            throws TaskLoadException {
        for (Path file : files) {
            Task task;
            try {
                task = readOne(file, reader);
            } catch (TaskLoadException e) {
                if (!skipBadTasks) {
                    throw e;
                }
                String prefix = e.file() + ": ";
                String message = e.getMessage().startsWith(prefix)
                        ? e.getMessage().substring(prefix.length()) : e.getMessage();
                sink.skipped(new TaskProblem(e.file(), message));
                continue;
            }
            sink.accept(task);
        }
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
