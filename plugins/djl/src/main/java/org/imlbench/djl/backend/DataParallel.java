package org.imlbench.djl.backend;

import java.io.IOException;
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
        List<R> run(int replica, int[] indices) throws Exception;
    }

    static <R> List<R> run(int replicas, int items, Share<R> share) throws IOException {
        if (replicas == 1 || items <= 1) {
            int[] all = IntStream.range(0, items).toArray();
            try {
                return share.run(0, all);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e.getMessage(), e);
            }
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
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
