package org.imlbench.openai;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.imlbench.api.ContinuationScore;
import org.imlbench.openai.protocol.Logprobs;

/**
 * Scores a continuation from an echoed prompt's per-token log-probabilities. The continuation's tokens are found
 * by their text offsets, not counted: they are the tokens that hold any of its characters. As in
 * lm-evaluation-harness (and the {@code djl} backend), whitespace at the end of the context belongs to the
 * continuation, so {@code "Answer: " + "yes"} scores the token {@code " yes"}.
 */
final class EchoScores {
    private EchoScores() {
    }

    /**
     * @param context the context as sent
     * @param continuation the continuation as sent (the prompt was {@code context + continuation})
     * @param logprobs the choice's log-probabilities
     * @return the continuation's summed log-probability, its token count, and whether every one of its tokens was
     *         the most likely one
     * @throws IOException when the server's log-probabilities do not cover the continuation
     */
    static ContinuationScore score(String context, String continuation, Logprobs logprobs) throws IOException {
        String prompt = context + continuation;
        int promptLength = prompt.codePointCount(0, prompt.length());
        String kept = context.stripTrailing();
        int boundary = kept.codePointCount(0, kept.length());
        List<Integer> offsets = logprobs.textOffset();
        double sum = 0;
        int count = 0;
        boolean greedy = true;
        for (int i = 0; i < offsets.size(); i++) {
            int start = offsets.get(i);
            if (start >= promptLength) {
                break; // a generated token, beyond the echoed prompt
            }
            int end = i + 1 < offsets.size() ? Math.min(offsets.get(i + 1), promptLength) : promptLength;
            if (end <= boundary) {
                continue;
            }
            Double value = logprobs.tokenLogprobs().get(i);
            if (value == null) {
                throw new IOException("the server gave no log-probability for token " + i + " ('"
                        + logprobs.tokens().get(i) + "'), the continuation's first: it must score every token "
                        + "after the first, and the context may not be empty unless it adds a beginning-of-sequence "
                        + "token");
            }
            sum += value;
            count++;
            greedy &= isTop(value, logprobs.topLogprobs().isEmpty() ? null : logprobs.topLogprobs().get(i));
        }
        if (count == 0 && !continuation.isEmpty()) {
            throw new IOException("the server's tokens do not reach the continuation (offsets " + offsets
                    + " for a prompt of " + promptLength + " characters)");
        }
        return new ContinuationScore(sum, count, greedy);
    }

    /** As lm-evaluation-harness: the token was the greedy one when no alternative is more likely. */
    private static boolean isTop(double value, Map<String, Double> top) {
        if (top == null || top.isEmpty()) {
            return false;
        }
        return top.values().stream().noneMatch(v -> v > value);
    }
}
