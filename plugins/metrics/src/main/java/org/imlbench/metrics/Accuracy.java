package org.imlbench.metrics;

import java.util.Optional;
import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;
import org.imlbench.metrics.text.BbhAnswer;
import org.imlbench.metrics.text.Niv2Normalizer;

/**
 * {@code accuracy}: OPT-IML's rank classification, the option with the highest summed log-likelihood
 * ({@link Prediction.LengthNormalization#NONE}). A model that cannot score options (for example replayed outputs)
 * answers with text instead, which counts as correct when it equals a reference after
 * {@linkplain Niv2Normalizer#normalize Super-NaturalInstructions normalization}; for the chain-of-thought format
 * ({@value BbhExactMatch#COT_FORMAT}) the answer is first read from the reasoning as {@link BbhAnswer} does, so that
 * "… So the answer is (A)." counts as "(A)".
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

    /** Judges option scores and, for models that cannot score, generated text. */
    @Override
    public boolean accepts(Prediction prediction) {
        return true;
    }

    @Override
    public double score(Sample sample) {
        if (sample.prediction() instanceof Prediction.Text text) {
            Optional<String> answer = BbhExactMatch.COT_FORMAT.equals(sample.format())
                    ? BbhAnswer.chainOfThought(text.text()) : Optional.of(text.text());
            if (answer.isEmpty()) {
                return 0.0;
            }
            return References.best(sample.instance().references(),
                    reference -> Niv2Normalizer.exactMatch(answer.get(), reference) ? 1.0 : 0.0);
        }
        return scoreRanked(sample);
    }
}
