package org.imlbench.openai.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code /v1/completions} response ({@code object: text_completion}).
 *
 * @param id the response id
 * @param created seconds since the epoch
 * @param model the model that answered
 * @param choices one per prompt, in prompt order
 * @param usage token counts
 */
public record CompletionResponse(String id, long created, String model, List<Choice> choices, Usage usage) {
    /** Copies the list and checks for nulls. */
    public CompletionResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        choices = List.copyOf(choices);
    }

    /** @return the response as JSON, as a server sends it */
    public byte[] toJson() {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("object", "text_completion");
        root.put("created", created);
        root.put("model", model);
        ArrayNode array = root.putArray("choices");
        for (Choice c : choices) {
            ObjectNode choice = array.addObject();
            choice.put("index", c.index());
            choice.put("text", c.text());
            if (c.logprobs() == null) {
                choice.putNull("logprobs");
            } else {
                writeLogprobs(choice.putObject("logprobs"), c.logprobs());
            }
            choice.put("finish_reason", c.finishReason());
            if (c.stopReason() == null) {
                choice.putNull("stop_reason");
            } else {
                choice.put("stop_reason", c.stopReason());
            }
        }
        ObjectNode u = root.putObject("usage");
        u.put("prompt_tokens", usage.promptTokens());
        u.put("completion_tokens", usage.completionTokens());
        u.put("total_tokens", usage.totalTokens());
        return Json.bytes(root);
    }

    private static void writeLogprobs(ObjectNode node, Logprobs lp) {
        ArrayNode tokens = node.putArray("tokens");
        lp.tokens().forEach(tokens::add);
        ArrayNode logprobs = node.putArray("token_logprobs");
        lp.tokenLogprobs().forEach(v -> {
            if (v == null) {
                logprobs.addNull();
            } else {
                logprobs.add(v);
            }
        });
        ArrayNode tops = node.putArray("top_logprobs");
        for (Map<String, Double> top : lp.topLogprobs()) {
            if (top == null) {
                tops.addNull();
            } else {
                ObjectNode o = tops.addObject();
                top.forEach(o::put);
            }
        }
        ArrayNode offsets = node.putArray("text_offset");
        lp.textOffset().forEach(offsets::add);
    }

    /**
     * Reads a response as a client receives it. Unknown fields are ignored (servers add their own); what a client
     * uses must be there and well-formed.
     *
     * @param body the HTTP body
     * @return the response, choices sorted by index
     * @throws ProtocolException when the body is not a completions response
     */
    public static CompletionResponse parse(byte[] body) throws ProtocolException {
        JsonNode root = Json.parseObject(body, "the response");
        List<Choice> choices = new ArrayList<>();
        for (JsonNode c : Json.array(root, "choices")) {
            if (!c.isObject()) {
                throw new ProtocolException("choices", "a choice must be an object, not " + Json.describe(c));
            }
            String text = Json.text(c, "text", null);
            if (text == null) {
                throw new ProtocolException("choices", "a choice has no 'text'");
            }
            JsonNode stopReason = Json.field(c, "stop_reason");
            choices.add(new Choice(Json.integer(c, "index", choices.size(), 0, Integer.MAX_VALUE), text,
                    Json.field(c, "logprobs") == null ? null : readLogprobs(Json.field(c, "logprobs")),
                    Json.text(c, "finish_reason", Choice.STOP),
                    stopReason != null && stopReason.isTextual() ? stopReason.textValue() : null));
        }
        choices.sort(Comparator.comparingInt(Choice::index));
        JsonNode u = Json.field(root, "usage");
        Usage usage = u == null || !u.isObject() ? new Usage(0, 0)
                : new Usage(Json.integer(u, "prompt_tokens", 0, 0, Integer.MAX_VALUE),
                        Json.integer(u, "completion_tokens", 0, 0, Integer.MAX_VALUE));
        return new CompletionResponse(Json.text(root, "id", ""), root.path("created").asLong(0),
                Json.text(root, "model", ""), choices, usage);
    }

    private static Logprobs readLogprobs(JsonNode node) throws ProtocolException {
        if (!node.isObject()) {
            throw new ProtocolException("logprobs", "'logprobs' must be an object, not " + Json.describe(node));
        }
        List<String> tokens = new ArrayList<>();
        for (JsonNode t : Json.array(node, "tokens")) {
            tokens.add(t.asText());
        }
        List<Double> logprobs = new ArrayList<>();
        for (JsonNode v : Json.array(node, "token_logprobs")) {
            if (!v.isNull() && !v.isNumber()) {
                throw new ProtocolException("token_logprobs", "token_logprobs must be numbers or null, not "
                        + Json.describe(v));
            }
            logprobs.add(v.isNull() ? null : v.doubleValue());
        }
        List<Map<String, Double>> tops = new ArrayList<>();
        JsonNode topNode = Json.field(node, "top_logprobs");
        if (topNode != null) {
            for (JsonNode t : Json.array(node, "top_logprobs")) {
                if (t.isNull()) {
                    tops.add(null);
                    continue;
                }
                if (!t.isObject()) {
                    throw new ProtocolException("top_logprobs", "top_logprobs entries must be objects, not "
                            + Json.describe(t));
                }
                Map<String, Double> top = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : t.properties()) {
                    top.put(e.getKey(), e.getValue().asDouble());
                }
                tops.add(top);
            }
        }
        List<Integer> offsets = new ArrayList<>();
        for (JsonNode o : Json.array(node, "text_offset")) {
            if (!o.isIntegralNumber()) {
                throw new ProtocolException("text_offset", "text_offset must hold integers, not "
                        + Json.describe(o));
            }
            offsets.add(o.intValue());
        }
        try {
            return new Logprobs(tokens, logprobs, tops, offsets);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("logprobs", e.getMessage());
        }
    }
}
