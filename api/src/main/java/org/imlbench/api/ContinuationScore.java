package org.imlbench.api;

/**
 * The score of one continuation.
 *
 * @param logLikelihood the summed natural-log probability of the continuation's tokens given the context
 * @param tokenCount how many tokens the continuation has, tokenized as the model sees the joined text
 * @param greedy whether greedy decoding from the context would produce exactly these tokens
 */
public record ContinuationScore(double logLikelihood, int tokenCount, boolean greedy) {
}
