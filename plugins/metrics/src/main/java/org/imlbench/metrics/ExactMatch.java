package org.imlbench.metrics;

import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Metric;
import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;
import org.imlbench.metrics.text.Niv2Normalizer;

/**
 * {@code exact_match}, as Super-NaturalInstructions' official {@code evaluation.py} computes it: 1 when the generated
 * text equals some reference after {@code normalize_answer} (lower case, no ASCII punctuation, single spaces), else 0.
 * Reported for every task a model answers with text.
 */
public final class ExactMatch implements Metric {
    @Override
    public String name() {
        return "exact_match";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "Super-NaturalInstructions exact match (lower case, no punctuation, collapsed spaces)";
    }

    @Override
    public boolean appliesTo(Task task, String format) {
        return true;
    }

    @Override
    public boolean accepts(Prediction prediction) {
        return prediction instanceof Prediction.Text;
    }

    @Override
    public double score(Sample sample) {
        String text = Predictions.text(name(), sample);
        return References.best(sample.instance().references(),
                reference -> Niv2Normalizer.exactMatch(text, reference) ? 1.0 : 0.0);
    }
}
