package org.imlbench.metrics;

import java.util.Optional;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Metric;
import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;
import org.imlbench.metrics.text.BbhAnswer;

/**
 * {@code bbh_exact_match}: BIG-Bench Hard's exact match. The answer is read from the generation by
 * {@link BbhAnswer} (after the last "the answer is " for the chain-of-thought format {@value #COT_FORMAT}; the
 * first line otherwise) and must equal the target exactly, both trimmed: case and punctuation count, as in
 * lm-evaluation-harness's {@code bbh} tasks. Reported for tasks whose source is {@value #BBH_SOURCE}.
 */
public final class BbhExactMatch implements Metric {
    /** The task source this metric applies to. */
    static final String BBH_SOURCE = "bbh";
    /** The prompt format whose outputs are chain-of-thought. */
    static final String COT_FORMAT = "bbh-cot";

    @Override
    public String name() {
        return "bbh_exact_match";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "BIG-Bench Hard exact match (chain of thought: text after the last 'the answer is ')";
    }

    @Override
    public boolean appliesTo(Task task, String format) {
        return BBH_SOURCE.equals(task.source());
    }

    @Override
    public boolean accepts(Prediction prediction) {
        return prediction instanceof Prediction.Text;
    }

    @Override
    public double score(Sample sample) {
        String output = Predictions.text(name(), sample);
        Optional<String> answer = COT_FORMAT.equals(sample.format())
                ? BbhAnswer.chainOfThought(output)
                : Optional.of(BbhAnswer.direct(output));
        if (answer.isEmpty()) {
            return 0.0;
        }
        return References.best(sample.instance().references(),
                reference -> reference.strip().equals(answer.get()) ? 1.0 : 0.0);
    }
}
