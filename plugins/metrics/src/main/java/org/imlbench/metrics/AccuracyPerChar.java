package org.imlbench.metrics;

import org.imlbench.api.Prediction;

/**
 * {@code accuracy_per_char}: rank classification with each option's log-likelihood divided by its continuation's
 * length in characters (lm-evaluation-harness's {@code acc_norm} idea). Needs option scores.
 */
public final class AccuracyPerChar extends RankAccuracy {
    /** Creates the metric. */
    public AccuracyPerChar() {
        super("accuracy_per_char", Prediction.LengthNormalization.PER_CHARACTER);
    }

    @Override
    public String description() {
        return "Rank classification accuracy, log-likelihood per character of each option";
    }
}
