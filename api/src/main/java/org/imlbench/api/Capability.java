package org.imlbench.api;

/** What a {@link LanguageModel} can do. */
public enum Capability {
    /** Log-likelihoods of continuations ({@link LanguageModel#score}): rank classification. */
    SCORE,
    /** Text after a prompt ({@link LanguageModel#generate}). */
    GENERATE
}
