package org.imlbench.djl.backend;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Splits work across model replicas (one per GPU), each replica taking a contiguous share on its own thread. With a
 * single replica the work runs on the calling thread.
 */
final class DataParallel {
    private DataParallel() {
    }

    /** Work for one replica on a share of the items. */
    @FunctionalInterface
    interface Share<R> {
        /**
         * @param replica the replica's index
         * @param indices the items' indices it handles
         * @return one result per index, in order
         */
        List<R> run(int replica, int[] indices) throws IOException;
    }

    static <R> List<R> run(int replicas, int items, Share<R> share) throws IOException {
        if (replicas == 1 || items <= 1) {
            return share.run(0, IntStream.range(0, items).toArray());
        }
        List<int[]> parts = new ArrayList<>();
        for (int k = 0; k < replicas; k++) {
            int from = (int) ((long) items * k / replicas);
            int to = (int) ((long) items * (k + 1) / replicas);
            parts.add(IntStream.range(from, to).toArray());
        }
        ExecutorService pool = Executors.newFixedThreadPool(replicas, r -> {
            Thread t = new Thread(r, "djl-replica");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<R>>> futures = new ArrayList<>();
            for (int k = 0; k < replicas; k++) {
                int replica = k;
                futures.add(pool.submit(() -> share.run(replica, parts.get(replica))));
            }
            List<R> out = new ArrayList<>(items);
            for (Future<List<R>> f : futures) {
                out.addAll(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            // a share throws only what Share.run declares, or an unchecked exception: let the original through
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
