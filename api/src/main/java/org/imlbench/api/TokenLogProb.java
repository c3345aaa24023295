package org.imlbench.api;

/**
 * What the model predicted at one position of a sequence ({@link TokenView#logProbs}).
 *
 * @param logProb the natural-log probability of the token that is there, given the tokens before it
 * @param topId the most likely token at this position
 * @param topLogProb its log-probability ({@code >= logProb})
 */
public record TokenLogProb(double logProb, int topId, double topLogProb) {
}
