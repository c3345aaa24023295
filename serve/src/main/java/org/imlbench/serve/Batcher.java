package org.imlbench.serve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.TokenLogProb;
import org.imlbench.api.TokenView;

/**
 * Turns the prompts of concurrent requests into the backend's batches: one dispatcher thread takes everything
 * waiting, groups it by kind (token log-probabilities, generation), and hands each group to the model in one call of
 * at most {@code maxBatch} prompts, so the backend batches across clients. The model is only ever used from this
 * thread. Admission is bounded: a request whose prompts do not fit into {@code maxQueued} is refused at once.
 */
final class Batcher implements AutoCloseable {
    /** One prompt's work. */
    private sealed interface Job {
        CompletableFuture<?> result();
    }

    private record LogProbJob(List<Integer> ids, CompletableFuture<List<TokenLogProb>> result) implements Job {
    }

    private record GenerateJob(GenerateRequest request, CompletableFuture<GenerateResult> result) implements Job {
    }

    private final LanguageModel model;
    private final int maxBatch;
    private final Semaphore capacity;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closed;
    private volatile long batches;
    private volatile long prompts;
    private volatile long busyNanos;

    Batcher(LanguageModel model, int maxBatch, int maxQueued) {
        this.model = model;
        this.maxBatch = maxBatch;
        this.capacity = new Semaphore(maxQueued);
        this.worker = new Thread(this::run, "imlbench-serve-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Reserves room for a request's prompts, all or none.
     *
     * @param n prompts
     * @return whether they fit; if so, each must be submitted (each finished prompt frees its place)
     */
    boolean reserve(int n) {
        return !closed && capacity.tryAcquire(n);
    }

    CompletableFuture<List<TokenLogProb>> logProbs(List<Integer> ids) {
        return submit(new LogProbJob(ids, new CompletableFuture<>()));
    }

    CompletableFuture<GenerateResult> generate(GenerateRequest request) {
        return submit(new GenerateJob(request, new CompletableFuture<>()));
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> submit(Job job) {
        job.result().whenComplete((r, e) -> capacity.release());
        if (closed) {
            job.result().completeExceptionally(new IllegalStateException("the server is shutting down"));
        } else {
            queue.add(job);
        }
        return (CompletableFuture<T>) job.result();
    }

    /** @return backend calls so far */
    long batches() {
        return batches;
    }

    /** @return prompts handed to the backend so far */
    long prompts() {
        return prompts;
    }

    /** @return nanoseconds spent in backend calls so far */
    long busyNanos() {
        return busyNanos;
    }

    private void run() {
        Deque<Job> carry = new ArrayDeque<>();
        while (true) {
            Job first;
            try {
                first = carry.isEmpty() ? queue.poll(100, TimeUnit.MILLISECONDS) : carry.pollFirst();
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                if (closed) {
                    break;
                }
                continue;
            }
            queue.drainTo(carry);
            List<Job> batch = new ArrayList<>(List.of(first));
            for (Iterator<Job> it = carry.iterator(); it.hasNext() && batch.size() < maxBatch; ) {
                Job next = it.next();
                if (next.getClass() == first.getClass()) {
                    batch.add(next);
                    it.remove();
                }
            }
            long start = System.nanoTime();
            execute(batch);
            busyNanos += System.nanoTime() - start;
        }
        List<Job> left = new ArrayList<>(carry);
        queue.drainTo(left);
        left.forEach(j -> j.result().completeExceptionally(new IllegalStateException("the server is shutting down")));
    }

    /**
     * A batch that fails is run again prompt by prompt, so that one bad prompt fails only its own request. Whatever
     * a backend throws (even an Error) fails requests, never this thread: without it the server would hang.
     */
    private void execute(List<Job> batch) {
        try {
            run(batch);
        } catch (Throwable e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            for (Job job : batch) {
                execute(List.of(job));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void run(List<Job> batch) throws Exception {
        batches++;
        prompts += batch.size();
        if (batch.get(0) instanceof LogProbJob) {
            TokenView view = model.tokens().orElseThrow();
            List<List<Integer>> sequences = batch.stream().map(j -> ((LogProbJob) j).ids()).toList();
            List<List<TokenLogProb>> results = view.logProbs(sequences, ProgressListener.NONE);
            for (int i = 0; i < batch.size(); i++) {
                ((CompletableFuture<List<TokenLogProb>>) batch.get(i).result()).complete(results.get(i));
            }
        } else {
            List<GenerateRequest> requests = batch.stream().map(j -> ((GenerateJob) j).request()).toList();
            List<GenerateResult> results = model.generate(requests, ProgressListener.NONE);
            for (int i = 0; i < batch.size(); i++) {
                ((CompletableFuture<GenerateResult>) batch.get(i).result()).complete(results.get(i));
            }
        }
    }

    /** Stops taking work; what is still queued fails with "shutting down". */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
