package org.imlbench.metrics;

import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Metric;
import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;

/**
 * Rank-classification accuracy: 1 when the option with the highest (length-normalized) log-likelihood is a correct
 * option ({@link org.imlbench.api.Instance#correctOptionIndices()}), else 0; ties go to the first option. Reported
 * for option tasks.
 */
abstract class RankAccuracy implements Metric {
    private final String name;
    private final Prediction.LengthNormalization normalization;

    RankAccuracy(String name, Prediction.LengthNormalization normalization) {
        this.name = name;
        this.normalization = normalization;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public final boolean appliesTo(Task task, String format) {
        return task.hasOptions();
    }

    /** By default a rank accuracy needs option scores; {@code accuracy} also judges generated text. */
    @Override
    public boolean accepts(Prediction prediction) {
        return prediction instanceof Prediction.Ranked;
    }

    @Override
    public double score(Sample sample) {
        return scoreRanked(sample);
    }

    /**
     * @param sample a sample with option scores
     * @return 1 when the best option under this metric's normalization is correct
     */
    final double scoreRanked(Sample sample) {
        Prediction.Ranked ranked = Predictions.ranked(name, sample);
        int chosen = ranked.best(normalization);
        return sample.instance().correctOptionIndices().contains(chosen) ? 1.0 : 0.0;
    }
}
