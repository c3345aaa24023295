package org.imlbench.api;

import java.io.IOException;
import java.util.List;

/**
 * A model seen at the level of its tokens ({@link Capability#TOKENS}, {@link LanguageModel#tokens()}): for tools that
 * show token ids ({@code harness score}, {@code harness generate}) and for serving per-token log-probabilities
 * ({@code harness serve}). Since API level 3.
 *
 * <p>Implementations need not be thread-safe; callers use one thread at a time, as for the model itself.
 */
public interface TokenView {
    /** @return the most tokens one sequence can hold (the model's positions) */
    int maxLength();

    /** @return the number of token ids the model knows: every id is in {@code [0, vocabularySize())} */
    int vocabularySize();

    /**
     * @param text a prompt
     * @return its ids as the model reads a prompt (a beginning-of-sequence id first where the model uses one)
     */
    List<Integer> encode(String text);

    /**
     * @param ids token ids
     * @return the text they stand for; special tokens carry no text
     */
    String decode(List<Integer> ids);

    /**
     * Each token with its text and where it starts in {@code decode(ids)}.
     *
     * @param ids token ids
     * @return one {@link Token} per id, in order
     */
    List<Token> tokens(List<Integer> ids);

    /**
     * The ids {@link LanguageModel#score} uses for one continuation after a context.
     *
     * @param context the conditioning text
     * @param continuation the scored text
     * @return the context's and the continuation's ids
     */
    TokenSplit split(String context, String continuation);

    /**
     * Per-token log-probabilities, as an OpenAI-style {@code echo} with {@code logprobs} returns them: for each
     * sequence, every token after the first given the tokens before it, and the most likely token at that position.
     *
     * @param sequences token id sequences of 1 to {@link #maxLength()} ids each
     * @param progress told after each finished sequence
     * @return per sequence, {@code size - 1} entries: entry i is about token i + 1
     * @throws IOException when the model fails
     * @throws IllegalArgumentException when a sequence is empty, longer than {@link #maxLength()} or holds an id
     *                                  outside the vocabulary
     */
    List<List<TokenLogProb>> logProbs(List<List<Integer>> sequences, ProgressListener progress) throws IOException;
}
