package org.imlbench.serve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.Token;
import org.imlbench.api.TokenLogProb;
import org.imlbench.api.TokenView;
import org.imlbench.openai.protocol.Choice;
import org.imlbench.openai.protocol.CompletionRequest;
import org.imlbench.openai.protocol.CompletionResponse;
import org.imlbench.openai.protocol.ErrorBody;
import org.imlbench.openai.protocol.Logprobs;
import org.imlbench.openai.protocol.Prompt;
import org.imlbench.openai.protocol.Usage;

/**
 * Answers one completions request with the served model: generation through {@link LanguageModel#generate}, and
 * per-token log-probabilities ({@code logprobs}, with or without {@code echo}) through the model's
 * {@link TokenView}. Prompts longer than the model's positions lose their oldest tokens, as the backends do when
 * they score; every prompt's work goes through the {@link Batcher}.
 */
final class CompletionService {
    private final LanguageModel model;
    private final Optional<TokenView> view;
    private final Batcher batcher;
    private final String servedName;
    private final AtomicLong responses = new AtomicLong();

    CompletionService(LanguageModel model, Batcher batcher, String servedName) {
        this.model = model;
        this.view = model.tokens();
        this.batcher = batcher;
        this.servedName = servedName;
    }

    /** One prompt on its way through the request. */
    private static final class Work {
        final String text;
        final List<Integer> ids;
        GenerateResult.Generated generated;
        List<Integer> scoredIds;
        List<TokenLogProb> logProbs;

        Work(String text, List<Integer> ids) {
            this.text = text;
            this.ids = ids;
        }
    }

    CompletionResponse complete(CompletionRequest request) throws ServeException {
        if (!request.model().equals(servedName)) {
            throw new ServeException(404, new ErrorBody("The model '" + request.model() + "' does not exist: this "
                    + "server serves '" + servedName + "'", ErrorBody.NOT_FOUND, "model", "model_not_found"));
        }
        boolean logprobs = request.logprobs() != null;
        if (logprobs && view.isEmpty()) {
            throw ServeException.badRequest("logprobs", "the " + model.info().backend() + " backend does not expose "
                    + "its tokens, so this server cannot return log-probabilities");
        }
        List<Work> work = new ArrayList<>();
        for (Prompt prompt : request.prompts()) {
            work.add(prepare(prompt));
        }
        boolean generate = request.maxTokens() > 0;
        boolean score = logprobs && (request.echo() || generate);
        if (generate) {
            reserve(work.size());
            List<CompletableFuture<GenerateResult>> futures = new ArrayList<>();
            for (int i = 0; i < work.size(); i++) {
                futures.add(batcher.generate(new GenerateRequest("serve", Integer.toString(i), work.get(i).text,
                        request.maxTokens(), request.stop())));
            }
            for (int i = 0; i < work.size(); i++) {
                GenerateResult result = await(futures.get(i));
                if (!(result instanceof GenerateResult.Generated generated)) {
                    throw new ServeException(500, new ErrorBody("the backend has no generation for prompt " + i
                            + ": " + ((GenerateResult.Missing) result).reason(), ErrorBody.SERVER_ERROR, null, null));
                }
                work.get(i).generated = generated;
            }
        }
        if (score) {
            reserve(work.size());
            int maxLength = view.orElseThrow().maxLength();
            List<CompletableFuture<List<TokenLogProb>>> futures = new ArrayList<>();
            for (Work w : work) {
                List<Integer> all = new ArrayList<>(w.ids);
                if (w.generated != null) {
                    all.addAll(w.generated.tokenIds());
                }
                w.scoredIds = all;
                futures.add(batcher.logProbs(all.subList(Math.max(0, all.size() - maxLength), all.size())));
            }
            for (int i = 0; i < work.size(); i++) {
                work.get(i).logProbs = await(futures.get(i));
            }
        }
        List<Choice> choices = new ArrayList<>();
        int promptTokens = 0;
        int completionTokens = 0;
        for (int i = 0; i < work.size(); i++) {
            Work w = work.get(i);
            choices.add(choice(i, w, request));
            promptTokens += w.ids.size();
            completionTokens += w.generated == null ? 0 : w.generated.tokenIds().size();
        }
        return new CompletionResponse("cmpl-" + responses.incrementAndGet(), System.currentTimeMillis() / 1000,
                servedName, choices, new Usage(promptTokens, completionTokens));
    }

    /** Each prompt of a stage takes one place in the batcher's queue, freed when it finishes. */
    private void reserve(int prompts) throws ServeException {
        if (!batcher.reserve(prompts)) {
            throw new ServeException(503, new ErrorBody("the server is busy; retry shortly", ErrorBody.OVERLOADED,
                    null, null));
        }
    }

    private Work prepare(Prompt prompt) throws ServeException {
        if (prompt instanceof Prompt.Text text) {
            return new Work(text.text(), view.map(v -> v.encode(text.text())).orElse(List.of()));
        }
        List<Integer> ids = ((Prompt.TokenIds) prompt).ids();
        TokenView tokens = view.orElseThrow(() -> ServeException.badRequest("prompt", "the "
                + model.info().backend() + " backend does not expose its tokens: send prompts as text"));
        for (int id : ids) {
            if (id >= tokens.vocabularySize()) {
                throw ServeException.badRequest("prompt", "token id " + id + " is outside the model's vocabulary "
                        + "[0, " + tokens.vocabularySize() + ")");
            }
        }
        return new Work(tokens.decode(ids), ids);
    }

    private Choice choice(int index, Work w, CompletionRequest request) {
        String generatedText = w.generated == null ? "" : w.generated.text();
        String text = request.echo() ? w.text + generatedText : generatedText;
        String finish = Choice.LENGTH;
        String stopReason = null;
        if (w.generated != null && w.generated.stopReason() != GenerateResult.StopReason.MAX_NEW_TOKENS) {
            finish = Choice.STOP;
            if (w.generated.stopReason() == GenerateResult.StopReason.STOP_SEQUENCE) {
                stopReason = matchedStop(w.generated, request.stop());
            }
        }
        Logprobs logprobs = w.logProbs == null ? null : logprobs(w, request);
        return new Choice(index, text, logprobs, finish, stopReason);
    }

    /** The stop sequence that ended generation: the one that follows the text in the decoded tokens. */
    private String matchedStop(GenerateResult.Generated generated, List<String> stops) {
        if (view.isPresent()) {
            String full = view.get().decode(generated.tokenIds());
            for (String stop : stops) {
                if (full.startsWith(generated.text() + stop)) {
                    return stop;
                }
            }
        }
        return stops.size() == 1 ? stops.get(0) : null;
    }

    /**
     * Log-probabilities in OpenAI's legacy shape. With {@code echo}: every prompt token the model saw (the first has
     * none) and the generated ones; without: the generated tokens only. Offsets count code points of the choice's
     * text.
     */
    private Logprobs logprobs(Work w, CompletionRequest request) {
        TokenView tokens = view.orElseThrow();
        List<Integer> all = w.scoredIds;
        int dropped = all.size() - (w.logProbs.size() + 1);
        List<Token> described = tokens.tokens(all);
        int from = request.echo() ? dropped : Math.max(dropped, w.ids.size());
        int shift = request.echo() ? 0 : w.text.codePointCount(0, w.text.length());
        List<String> texts = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Map<String, Double>> tops = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        Map<Integer, String> topTexts = new HashMap<>();
        for (int t = from; t < all.size(); t++) {
            texts.add(described.get(t).text());
            offsets.add(Math.max(0, described.get(t).offset() - shift));
            if (t == dropped) {
                values.add(null);
                tops.add(null);
                continue;
            }
            TokenLogProb p = w.logProbs.get(t - dropped - 1);
            values.add(p.logProb());
            Map<String, Double> top = new LinkedHashMap<>();
            if (request.logprobs() > 0) {
                top.put(topTexts.computeIfAbsent(p.topId(), id -> tokens.tokens(List.of(id)).get(0).text()),
                        p.topLogProb());
            }
            tops.add(top);
        }
        return new Logprobs(texts, values, tops, offsets);
    }

    private static <T> T await(CompletableFuture<T> future) throws ServeException {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (cause instanceof IllegalArgumentException) {
                throw ServeException.badRequest("prompt", message);
            }
            if (cause instanceof IllegalStateException && message.contains("shutting down")) {
                throw new ServeException(503, new ErrorBody(message, ErrorBody.OVERLOADED, null, null));
            }
            throw new ServeException(500, new ErrorBody("the model failed: " + message, ErrorBody.SERVER_ERROR,
                    null, null));
        }
    }
}
