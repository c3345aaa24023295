package org.imlbench.harness.tasks;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The few worker threads that loading and the leakage check share work with: daemon threads (they never keep the JVM
 * alive after a failure), and results whose failures come out as they would have on the calling thread.
 */
public final class Workers {
    private Workers() {
    }

    /**
     * @param threads how many
     * @param name their name, shown in thread dumps and profiles
     * @return a pool of daemon threads; shut it down when done
     */
    public static ExecutorService daemons(int threads, String name) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Waits for a result, rethrowing the worker's unchecked exception or error as it was.
     *
     * @param future the result
     * @param what what is awaited, for the message when the wait is interrupted
     * @param <T> its type
     * @return the result
     * @throws IllegalStateException when interrupted, or when the worker threw a checked exception
     */
    public static <T> T await(Future<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
