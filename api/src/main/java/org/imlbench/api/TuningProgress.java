package org.imlbench.api;

/**
 * One finished optimizer step, reported while tuning.
 *
 * @param step steps finished so far (1-based)
 * @param totalSteps steps in all
 * @param loss the step's mean target-token loss
 * @param learningRate the rate used for the step
 * @param tokensPerSecond throughput over the step, counting every token in the batch
 */
public record TuningProgress(int step, int totalSteps, double loss, double learningRate, double tokensPerSecond) {
}
