package org.imlbench.metrics;

import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Metric;
import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;
import org.imlbench.metrics.text.TokenF1;

/**
 * {@code token_f1}: SQuAD's token F1 on Super-NaturalInstructions-normalized words, the best over the references.
 * Reported for generation tasks.
 */
public final class TokenF1Metric implements Metric {
    @Override
    public String name() {
        return "token_f1";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "SQuAD-style token F1 on normalized words";
    }

    @Override
    public boolean appliesTo(Task task, String format) {
        return !task.hasOptions();
    }

    @Override
    public boolean accepts(Prediction prediction) {
        return prediction instanceof Prediction.Text;
    }

    @Override
    public double score(Sample sample) {
        String text = Predictions.text(name(), sample);
        return References.best(sample.instance().references(), reference -> TokenF1.f1(text, reference));
    }
}
