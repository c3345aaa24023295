package org.imlbench.djl.tuning;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one task per data-parallel replica and waits for every one of them (each future is joined; a failure in any
 * replica fails the step after all have stopped, so no replica is left running into the next step). With one
 * replica, or when {@code sequential}, tasks run on the calling thread in replica order.
 */
final class ReplicaPool implements AutoCloseable {
    /** One replica's share of a step. */
    @FunctionalInterface
    interface Task<R> {
        R run(int replica) throws Exception;
    }

    private final int replicas;
    private final ExecutorService pool;

    ReplicaPool(int replicas) {
        this.replicas = replicas;
        this.pool = replicas == 1 ? null : Executors.newFixedThreadPool(replicas, r -> {
            Thread t = new Thread(r, "tuning-replica");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param sequential run the replicas one after another on the calling thread (needed for reproducible dropout
     *                   on a shared CPU random generator)
     * @param task the work of one replica
     * @param <R> its result
     * @return the results by replica
     * @throws IOException wrapping the first failure
     */
    <R> List<R> run(boolean sequential, Task<R> task) throws IOException {
        List<R> out = new ArrayList<>(replicas);
        if (pool == null || sequential) {
            for (int k = 0; k < replicas; k++) {
                try {
                    out.add(task.run(k));
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException("replica " + k + ": " + e.getMessage(), e);
                }
            }
            return out;
        }
        List<Future<R>> futures = new ArrayList<>(replicas);
        for (int k = 0; k < replicas; k++) {
            int replica = k;
            futures.add(pool.submit(() -> task.run(replica)));
        }
        Throwable failure = null;
        for (Future<R> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
                out.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
                out.add(null);
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
