package org.imlbench.openai.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code logprobs} of one completion choice, in OpenAI's legacy completions shape: parallel lists, one entry per
 * token (the echoed prompt's tokens first, then the generated ones).
 *
 * @param tokens each token's text
 * @param tokenLogprobs each token's log-probability given the tokens before it; null where there is none (the first
 *                      token of a sequence)
 * @param topLogprobs per token, the most likely alternatives (token text to log-probability); null where there is
 *                    none, an empty list when none were asked for
 * @param textOffset where each token starts in the choice's text, in Unicode code points
 */
public record Logprobs(List<String> tokens, List<Double> tokenLogprobs, List<Map<String, Double>> topLogprobs,
                       List<Integer> textOffset) {
    /** Copies the lists (which may hold nulls) and checks that they are parallel. */
    public Logprobs {
        tokens = List.copyOf(tokens);
        tokenLogprobs = Collections.unmodifiableList(new ArrayList<>(tokenLogprobs));
        List<Map<String, Double>> tops = new ArrayList<>(topLogprobs.size());
        for (Map<String, Double> top : topLogprobs) {
            tops.add(top == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(top)));
        }
        topLogprobs = Collections.unmodifiableList(tops);
        textOffset = List.copyOf(textOffset);
        if (tokenLogprobs.size() != tokens.size() || textOffset.size() != tokens.size()
                || !(topLogprobs.isEmpty() || topLogprobs.size() == tokens.size())) {
            throw new IllegalArgumentException("logprobs lists differ in length: " + tokens.size() + " tokens, "
                    + tokenLogprobs.size() + " token_logprobs, " + topLogprobs.size() + " top_logprobs, "
                    + textOffset.size() + " text_offset");
        }
        tokens.forEach(t -> Objects.requireNonNull(t, "token text"));
    }
}
