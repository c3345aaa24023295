package org.imlbench.metrics;

import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;
import org.imlbench.metrics.text.Niv2Normalizer;

/**
 * {@code accuracy}: OPT-IML's rank classification, the option with the highest summed log-likelihood
 * ({@link Prediction.LengthNormalization#NONE}). A model that cannot score options (for example replayed outputs)
 * answers with text instead, which counts as correct when it equals a reference after
 * {@linkplain Niv2Normalizer#normalize Super-NaturalInstructions normalization}.
 */
public final class Accuracy extends RankAccuracy {
    /** Creates the metric. */
    public Accuracy() {
        super("accuracy", Prediction.LengthNormalization.NONE);
    }

    @Override
    public String description() {
        return "Rank classification accuracy (summed log-likelihood); generated text must equal a reference";
    }

    @Override
    public double score(Sample sample) {
        if (sample.prediction() instanceof Prediction.Text text) {
            return References.best(sample.instance().references(),
                    reference -> Niv2Normalizer.exactMatch(text.text(), reference) ? 1.0 : 0.0);
        }
        return scoreRanked(sample);
    }
}
