package org.imlbench.openai.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code POST /v1/completions} request, restricted to what greedy evaluation uses: one or more prompts, greedy
 * decoding ({@code temperature} 0), {@code max_tokens}, {@code stop}, and {@code echo} with {@code logprobs} for
 * scoring (lm-evaluation-harness's {@code local-completions} scores with {@code echo}, {@code logprobs} and no new
 * tokens). Fields this server does not use ({@code seed}, {@code user}, ...) are ignored; {@code n}, {@code best_of}
 * and {@code stream} are accepted only at their defaults.
 *
 * @param model the served model's name
 * @param prompts one or more prompts (a batch)
 * @param maxTokens the most tokens to generate per prompt (0 with {@code echo}: scoring only)
 * @param echo whether the prompt is returned (with its tokens' log-probabilities when {@code logprobs} is set)
 * @param logprobs null for no log-probabilities; else how many most likely alternatives to list per token
 * @param stop stop sequences; generation ends before the first occurrence of any
 */
public record CompletionRequest(String model, List<Prompt> prompts, int maxTokens, boolean echo, Integer logprobs,
                                List<String> stop) {
    /** OpenAI's default {@code max_tokens}. */
    public static final int DEFAULT_MAX_TOKENS = 16;

    /** Copies the lists and checks the invariants. */
    public CompletionRequest {
        Objects.requireNonNull(model, "model");
        prompts = List.copyOf(prompts);
        stop = List.copyOf(stop);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one prompt");
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("max_tokens must be >= 0: " + maxTokens);
        }
    }

    /**
     * What a server accepts in one request: parsing refuses anything beyond with a {@link ProtocolException}.
     *
     * @param maxPrompts prompts per request
     * @param maxTokens the largest {@code max_tokens}
     * @param maxStops stop sequences per request
     * @param maxLogprobs the largest {@code logprobs}
     */
    public record Limits(int maxPrompts, int maxTokens, int maxStops, int maxLogprobs) {
    }

    /**
     * The request lm-evaluation-harness's {@code local-completions} scores with: every prompt echoed with the
     * log-probability of each of its tokens and the most likely alternative, no new tokens, greedy.
     *
     * @param model the served model
     * @param prompts the texts to score (context and continuation joined)
     * @return the request
     */
    public static CompletionRequest echoScoring(String model, List<String> prompts) {
        return echoScoring(model, prompts, 0);
    }

    /**
     * @param model the served model
     * @param prompts the texts to score (context and continuation joined)
     * @param maxTokens 0, or 1 for servers that refuse 0 (the generated token is not part of the prompt)
     * @return the scoring request
     */
    public static CompletionRequest echoScoring(String model, List<String> prompts, int maxTokens) {
        return new CompletionRequest(model, prompts.stream().<Prompt>map(Prompt.Text::new).toList(), maxTokens,
                true, 1, List.of());
    }

    /**
     * Greedy generation of one prompt.
     *
     * @param model the served model
     * @param prompt the text to continue
     * @param maxTokens the most new tokens
     * @param stop stop sequences
     * @return the request
     */
    public static CompletionRequest greedy(String model, String prompt, int maxTokens, List<String> stop) {
        return new CompletionRequest(model, List.of(new Prompt.Text(prompt)), maxTokens, false, null, stop);
    }

    /**
     * Reads a request as a server receives it, checking every field it uses.
     *
     * @param body the HTTP body
     * @param limits what the server accepts
     * @return the request
     * @throws ProtocolException naming the parameter and the problem (malformed JSON, wrong types, values out of
     *                           range, unsupported options)
     */
    public static CompletionRequest parse(byte[] body, Limits limits) throws ProtocolException {
        JsonNode root = Json.parseObject(body, "the request body");
        String model = Json.text(root, "model", null);
        if (model == null || model.isBlank()) {
            throw new ProtocolException("model", "'model' is required: the name of a model this server serves "
                    + "(GET /v1/models lists them)");
        }
        List<Prompt> prompts = prompts(Json.field(root, "prompt"), limits.maxPrompts());
        int maxTokens = Json.integer(root, "max_tokens", DEFAULT_MAX_TOKENS, 0, limits.maxTokens());
        double temperature = Json.number(root, "temperature", 0);
        if (temperature != 0) {
            throw new ProtocolException("temperature", "this server decodes greedily: 'temperature' must be 0, not "
                    + temperature);
        }
        boolean echo = Json.bool(root, "echo", false);
        Integer logprobs = Json.field(root, "logprobs") == null ? null
                : Json.integer(root, "logprobs", 0, 0, limits.maxLogprobs());
        List<String> stop = stops(Json.field(root, "stop"), limits.maxStops());
        if (Json.integer(root, "n", 1, 1, 1) != 1 || Json.integer(root, "best_of", 1, 1, 1) != 1) {
            throw new ProtocolException("n", "only one completion per prompt is supported");
        }
        if (Json.bool(root, "stream", false)) {
            throw new ProtocolException("stream", "streaming is not supported: leave 'stream' false");
        }
        return new CompletionRequest(model, prompts, maxTokens, echo, logprobs, stop);
    }

    private static List<Prompt> prompts(JsonNode node, int max) throws ProtocolException {
        String expected = "'prompt' must be a string, an array of strings, an array of token ids or an array of "
                + "arrays of token ids";
        if (node == null) {
            throw new ProtocolException("prompt", "'prompt' is required");
        }
        if (node.isTextual()) {
            return List.of(new Prompt.Text(node.textValue()));
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new ProtocolException("prompt", expected + (node.isArray() ? " (it is empty)" : ", not "
                    + Json.describe(node)));
        }
        if (node.get(0).isIntegralNumber()) {
            return List.of(new Prompt.TokenIds(ids(node, expected)));
        }
        if (node.size() > max) {
            throw new ProtocolException("prompt", "at most " + max + " prompts per request, not " + node.size());
        }
        List<Prompt> prompts = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (item.isTextual()) {
                prompts.add(new Prompt.Text(item.textValue()));
            } else if (item.isArray() && !item.isEmpty()) {
                prompts.add(new Prompt.TokenIds(ids(item, expected)));
            } else {
                throw new ProtocolException("prompt", expected + "; one item is " + Json.describe(item));
            }
        }
        return prompts;
    }

    private static List<Integer> ids(JsonNode array, String expected) throws ProtocolException {
        List<Integer> ids = new ArrayList<>(array.size());
        for (JsonNode id : array) {
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                throw new ProtocolException("prompt", expected + "; token ids are integers >= 0, not "
                        + Json.describe(id));
            }
            ids.add(id.intValue());
        }
        return ids;
    }

    private static List<String> stops(JsonNode node, int max) throws ProtocolException {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return node.textValue().isEmpty() ? List.of() : List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw new ProtocolException("stop", "'stop' must be a string or an array of strings, not "
                    + Json.describe(node));
        }
        if (node.size() > max) {
            throw new ProtocolException("stop", "at most " + max + " stop sequences, not " + node.size());
        }
        List<String> stops = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new ProtocolException("stop", "'stop' must hold strings, not " + Json.describe(item));
            }
            if (!item.textValue().isEmpty()) {
                stops.add(item.textValue());
            }
        }
        return stops;
    }

    /** @return the request as JSON, as a client sends it */
    public byte[] toJson() {
        ObjectNode root = Json.object();
        root.put("model", model);
        if (prompts.size() == 1 && prompts.get(0) instanceof Prompt.Text text) {
            root.put("prompt", text.text());
        } else {
            ArrayNode array = root.putArray("prompt");
            for (Prompt p : prompts) {
                if (p instanceof Prompt.Text text) {
                    array.add(text.text());
                } else {
                    ArrayNode ids = array.addArray();
                    ((Prompt.TokenIds) p).ids().forEach(ids::add);
                }
            }
        }
        root.put("max_tokens", maxTokens);
        root.put("temperature", 0);
        if (echo) {
            root.put("echo", true);
        }
        if (logprobs != null) {
            root.put("logprobs", logprobs);
        }
        if (!stop.isEmpty()) {
            ArrayNode stops = root.putArray("stop");
            stop.forEach(stops::add);
        }
        return Json.bytes(root);
    }
}
