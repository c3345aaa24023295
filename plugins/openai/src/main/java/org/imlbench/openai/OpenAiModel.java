package org.imlbench.openai;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.imlbench.api.Capability;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelInfo;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.ScoreResult;
import org.imlbench.openai.protocol.Choice;
import org.imlbench.openai.protocol.CompletionRequest;
import org.imlbench.openai.protocol.CompletionResponse;

/**
 * A model behind an OpenAI-compatible completions server. Every score request (one context, its options) is one
 * HTTP request with one echoed prompt per option; every generation request is one HTTP request. Up to
 * {@code concurrency} requests are in flight; the first that fails for good cancels the others and fails the call,
 * so a task is reported as failed (and redone by {@code --resume}), never scored as zero.
 */
final class OpenAiModel implements LanguageModel {
    /** What one request turns into. */
    @FunctionalInterface
    private interface Call<R> {
        R run() throws IOException;
    }

    private final ModelInfo info;
    private final CompletionsClient client;
    private final ClientOptions options;
    private final ExecutorService pool;

    OpenAiModel(ModelInfo info, CompletionsClient client, ClientOptions options) {
        this.info = info;
        this.client = client;
        this.options = options;
        int concurrency = options.concurrency();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "imlbench-openai-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Set<Capability> capabilities() {
        return options.scoring() ? EnumSet.of(Capability.SCORE, Capability.GENERATE) : EnumSet.of(Capability.GENERATE);
    }

    @Override
    public List<ScoreResult> score(List<ScoreRequest> requests, ProgressListener progress) throws IOException {
        if (!options.scoring()) {
            throw new IOException("scoring is off for this server (backend option scoring=false)");
        }
        List<Call<ScoreResult>> calls = new ArrayList<>();
        for (ScoreRequest r : requests) {
            calls.add(() -> {
                List<String> prompts = r.continuations().stream().map(c -> r.context() + c).toList();
                CompletionResponse response = client.complete(CompletionRequest.echoScoring(info.name(), prompts,
                        options.echoMaxTokens()));
                List<ContinuationScore> scores = new ArrayList<>();
                for (int c = 0; c < prompts.size(); c++) {
                    Choice choice = response.choices().get(c);
                    if (choice.logprobs() == null) {
                        throw new IOException("the server returned no logprobs for an echo request: it cannot "
                                + "score (" + r.taskId() + "/" + r.instanceId() + ")");
                    }
                    try {
                        scores.add(EchoScores.score(r.context(), r.continuations().get(c), choice.logprobs()));
                    } catch (IOException e) {
                        throw new IOException(r.taskId() + "/" + r.instanceId() + ": " + e.getMessage(), e);
                    }
                }
                return new ScoreResult(scores);
            });
        }
        return runAll(calls, progress);
    }

    @Override
    public List<GenerateResult> generate(List<GenerateRequest> requests, ProgressListener progress)
            throws IOException {
        List<Call<GenerateResult>> calls = new ArrayList<>();
        for (GenerateRequest r : requests) {
            calls.add(() -> {
                CompletionResponse response = client.complete(CompletionRequest.greedy(info.name(), r.prompt(),
                        r.maxNewTokens(), r.stopSequences()));
                return generated(response.choices().get(0), r.stopSequences());
            });
        }
        return runAll(calls, progress);
    }

    /**
     * The choice as a generation. A server that ignores {@code stop} is cut here too; {@code finish_reason}
     * {@code length} is the token limit, and {@code stop} a stop sequence when the server names it (vLLM's
     * {@code stop_reason}) or the text was cut here, else the end-of-sequence token.
     */
    static GenerateResult.Generated generated(Choice choice, List<String> stops) {
        String text = choice.text();
        int cut = -1;
        for (String stop : stops) {
            int at = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut >= 0) {
            return new GenerateResult.Generated(text.substring(0, cut), List.of(),
                    GenerateResult.StopReason.STOP_SEQUENCE);
        }
        GenerateResult.StopReason reason = Choice.LENGTH.equals(choice.finishReason())
                ? GenerateResult.StopReason.MAX_NEW_TOKENS
                : choice.stopReason() != null ? GenerateResult.StopReason.STOP_SEQUENCE
                : GenerateResult.StopReason.END_OF_SEQUENCE;
        return new GenerateResult.Generated(text, List.of(), reason);
    }

    private <R> List<R> runAll(List<Call<R>> calls, ProgressListener progress) throws IOException {
        long[] done = new long[1];
        List<Future<R>> futures = new ArrayList<>();
        for (Call<R> call : calls) {
            futures.add(pool.submit(() -> {
                R result = call.run();
                // one at a time and in order: listeners (progress bars) need not be thread-safe
                synchronized (done) {
                    progress.progress(++done[0], calls.size());
                }
                return result;
            }));
        }
        List<R> results = new ArrayList<>(calls.size());
        try {
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // a call throws only what Call.run declares, or an unchecked exception: let the original through
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (CancellationException e) {
            throw new IOException("cancelled", e);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
