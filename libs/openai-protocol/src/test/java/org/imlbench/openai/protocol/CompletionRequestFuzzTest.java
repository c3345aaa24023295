package org.imlbench.openai.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.testkit.ParserContract;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target for the body of {@code POST /v1/completions} as {@code harness serve} reads it: an input gives a request
 * inside the server's limits that reads back as itself from its own JSON, or a {@link ProtocolException} (HTTP 400)
 * whose message names the parameter it blames; nothing else escapes.
 */
class CompletionRequestFuzzTest {
    /** {@code harness serve}'s defaults: 256 prompts, 4096 tokens, 64 stop sequences, logprobs up to 1. */
    private static final CompletionRequest.Limits SERVE = new CompletionRequest.Limits(256, 4096, 64, 1);

    @MethodSource("seeds")
    @FuzzTest
    @Timeout(60)
    void completionRequest(byte[] input) {
        ParserContract.of(ProtocolException.class, null).check(input.length, () -> {
            CompletionRequest request;
            try {
                request = CompletionRequest.parse(input, SERVE);
            } catch (ProtocolException e) {
                if (e.param() != null && !e.getMessage().contains(e.param())) {
                    throw new AssertionError("the message does not name '" + e.param() + "': " + e.getMessage(), e);
                }
                throw e;
            }
            boolean badLogprobs = request.logprobs() != null
                    && (request.logprobs() < 0 || request.logprobs() > SERVE.maxLogprobs());
            if (request.prompts().size() > SERVE.maxPrompts() || request.maxTokens() > SERVE.maxTokens()
                    || request.stop().size() > SERVE.maxStops() || badLogprobs
                    || request.stop().stream().anyMatch(String::isEmpty)) {
                throw new AssertionError("accepted a request beyond the limits: " + request);
            }
            CompletionRequest back = CompletionRequest.parse(request.toJson(), SERVE);
            if (!back.equals(request)) {
                throw new AssertionError("does not read back as itself: " + request + " gave " + back);
            }
        });
    }

    /**
     * What clients send: lm-evaluation-harness's {@code local-completions} scoring and generation requests (as its
     * request builder writes them, token ids included), a batch, and the requests of imlbench's own openai backend.
     */
    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String json : List.of(
                "{\"model\": \"opt-125m\", \"prompt\": [\"Question: Is the sky blue?\\nAnswer: yes\"], "
                        + "\"temperature\": 0, \"max_tokens\": 1, \"logprobs\": 1, \"seed\": 1234, \"echo\": true}",
                "{\"model\": \"opt-125m\", \"prompt\": [[2, 13959, 35, 1437], [2, 250]], \"temperature\": 0, "
                        + "\"max_tokens\": 0, \"logprobs\": 1, \"seed\": 1234, \"echo\": true}",
                "{\"model\": \"opt-125m\", \"prompt\": \"Q: 2+2?\\nA:\", \"max_tokens\": 256, \"temperature\": 0.0, "
                        + "\"stop\": [\"\\n\\n\", \"Q:\"], \"seed\": 1234, \"n\": 1, \"best_of\": 1, "
                        + "\"stream\": false, \"user\": null}",
                "{\"model\": \"m\", \"prompt\": [7, 8, 9], \"stop\": \"\\n\", \"logprobs\": null}")) {
            seeds.add(json.getBytes(StandardCharsets.UTF_8));
        }
        seeds.add(CompletionRequest.echoScoring("opt-125m", List.of("a b", "naïve café 日本 🙂")).toJson());
        seeds.add(CompletionRequest.greedy("opt-125m", "Translate: chat =>", 8, List.of("\n", "</s>")).toJson());
        return seeds;
    }
}
