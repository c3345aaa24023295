package org.imlbench.tasks.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    /** Files parsed at once: the machines this runs on often have two cores, and the sink needs one of them. */
    static final int THREADS = 2;

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
     * Reads files, handing each task to the sink as soon as it is read and in file order. Up to {@link #THREADS}
     * files are parsed at once on worker threads (parsing is most of the work of loading); the sink is always called
     * from the calling thread, one task at a time, so that what it receives does not depend on timing.
     *
     * @param files the files
     * @param reader reads one; called from worker threads, so it must be safe to call concurrently
     * @param skipBadTasks whether a bad file is skipped (and reported to the sink) rather than fatal
     * @param sink receives the tasks and the skipped files
     * @throws TaskLoadException the first bad file's error, when bad tasks are not skipped, or the sink's
     */
    public static void load(List<Path> files, TaskReader reader, boolean skipBadTasks, TaskSink sink)
            throws TaskLoadException {
        int threads = Math.min(THREADS, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        if (threads <= 1) {
            for (Path file : files) {
                deliver(read(file, reader), skipBadTasks, sink);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "imlbench-task-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<Outcome>> ahead = new ArrayDeque<>();
            int next = 0;
            for (int delivered = 0; delivered < files.size(); delivered++) {
                // at most `threads` files parsed and waiting: memory stays a few tasks whatever the folder holds
                while (next < files.size() && ahead.size() < threads) {
                    Path toRead = files.get(next++);
                    ahead.add(pool.submit(() -> read(toRead, reader)));
                }
                deliver(await(ahead.removeFirst()), skipBadTasks, sink);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What reading one file gave: its task, or why it could not be read. */
    private record Outcome(Task task, TaskLoadException problem) {
    }

    private static Outcome read(Path file, TaskReader reader) {
        try {
            return new Outcome(readOne(file, reader), null);
        } catch (TaskLoadException e) {
            return new Outcome(null, e);
        }
    }

    private static Outcome await(Future<Outcome> future) throws TaskLoadException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskLoadException("task files", "interrupted while reading", e);
        } catch (ExecutionException e) {
            // a bug or an error in the reader (out of memory, say): the same failure as on the calling thread
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static void deliver(Outcome outcome, boolean skipBadTasks, TaskSink sink)
            throws TaskLoadException {
        if (outcome.problem() == null) {
            sink.accept(outcome.task());
            return;
        }
        TaskLoadException e = outcome.problem();
        if (!skipBadTasks) {
            throw e;
        }
        String prefix = e.file() + ": ";
        String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length())
                : e.getMessage();
        sink.skipped(new TaskProblem(e.file(), message));
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
