package org.imlbench.metrics;

import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Metric;
import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;
import org.imlbench.metrics.text.RougeL;
import org.imlbench.metrics.text.RougeTokenizer;

/**
 * {@code rouge_l}, as Super-NaturalInstructions' official {@code evaluation.py} computes it: {@code rouge_score}'s
 * ROUGE-L F-measure with its default tokenizer and the NLTK Porter stemmer, on the raw (not normalized) texts, the best
 * over the references. Reported for generation tasks and, as the official script does, for every Super-
 * NaturalInstructions task (source {@value #NIV2_SOURCE}) a model answers with text.
 */
public final class RougeLMetric implements Metric {
    /** The task source whose official evaluation reports ROUGE-L on every task. */
    static final String NIV2_SOURCE = "niv2";

    private final RougeL rouge = new RougeL(RougeTokenizer.withStemmer());

    @Override
    public String name() {
        return "rouge_l";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "Super-NaturalInstructions ROUGE-L F-measure (rouge_score tokenizer, Porter stemming)";
    }

    @Override
    public boolean appliesTo(Task task, String format) {
        return !task.hasOptions() || NIV2_SOURCE.equals(task.source());
    }

    @Override
    public boolean accepts(Prediction prediction) {
        return prediction instanceof Prediction.Text;
    }

    @Override
    public double score(Sample sample) {
        String text = Predictions.text(name(), sample);
        return References.best(sample.instance().references(), reference -> rouge.fmeasure(text, reference));
    }
}
