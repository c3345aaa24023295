package org.imlbench.djl.inference;

import java.util.List;

/**
 * Token-level generation work.
 *
 * @param ids the prompt ids, BOS first, at least one
 * @param maxNewTokens the most tokens to generate
 * @param stopSequences generation stops at the first occurrence of any of these in the decoded text (cut off)
 */
public record GenerationPrompt(int[] ids, int maxNewTokens, List<String> stopSequences) {
    /** Checks the invariants. */
    public GenerationPrompt {
        if (ids.length == 0) {
            throw new IllegalArgumentException("a prompt needs at least one token (BOS)");
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be >= 1: " + maxNewTokens);
        }
        stopSequences = stopSequences.stream().filter(s -> !s.isEmpty()).toList();
    }
}
