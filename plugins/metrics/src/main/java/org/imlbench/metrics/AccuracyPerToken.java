package org.imlbench.metrics;

import org.imlbench.api.Prediction;

/**
 * {@code accuracy_per_token}: rank classification with each option's log-likelihood divided by its continuation's
 * token count. Needs option scores.
 */
public final class AccuracyPerToken extends RankAccuracy {
    /** Creates the metric. */
    public AccuracyPerToken() {
        super("accuracy_per_token", Prediction.LengthNormalization.PER_TOKEN);
    }

    @Override
    public String description() {
        return "Rank classification accuracy, log-likelihood per token of each option";
    }
}
