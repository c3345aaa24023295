package org.imlbench.api;

/** What a {@link LanguageModel} can do. */
public enum Capability {
    /** Log-likelihoods of continuations ({@link LanguageModel#score}): rank classification. */
    SCORE,
    /** Text after a prompt ({@link LanguageModel#generate}). */
    GENERATE,
    /**
     * The model's own tokens ({@link LanguageModel#tokens()}): how it tokenizes text and the log-probability of
     * every token of a sequence. Since API level 3.
     */
    TOKENS
}
