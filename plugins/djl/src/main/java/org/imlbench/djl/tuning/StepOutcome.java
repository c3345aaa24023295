package org.imlbench.djl.tuning;

/**
 * What one optimizer step did.
 *
 * @param loss mean negative log-likelihood over the batch's target tokens
 * @param gradNorm global L2 norm of the (unscaled, unclipped) gradient
 * @param applied false when mixed precision skipped the step because the gradients overflowed
 * @param lossTokens target tokens in the batch
 * @param tokens tokens in the batch, padding excluded
 */
public record StepOutcome(double loss, double gradNorm, boolean applied, long lossTokens, long tokens) {
}
