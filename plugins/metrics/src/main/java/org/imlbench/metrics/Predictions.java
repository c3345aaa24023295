package org.imlbench.metrics;

import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;

/** Checks that let a metric fail loudly when the harness hands it a prediction it said it does not accept. */
final class Predictions {
    private Predictions() {
    }

    /**
     * @param metric the metric's name, for the message
     * @param sample the sample
     * @return the sample's generated text
     * @throws IllegalArgumentException when the prediction is not text
     */
    static String text(String metric, Sample sample) {
        if (sample.prediction() instanceof Prediction.Text text) {
            return text.text();
        }
        throw new IllegalArgumentException(metric + " scores generated text, but task " + sample.task().id()
                + " instance " + sample.instance().id() + " has ranked options");
    }

    /**
     * @param metric the metric's name, for the message
     * @param sample the sample
     * @return the sample's option scores
     * @throws IllegalArgumentException when the prediction has no option scores or they do not match the options
     */
    static Prediction.Ranked ranked(String metric, Sample sample) {
        if (!(sample.prediction() instanceof Prediction.Ranked ranked)) {
            throw new IllegalArgumentException(metric + " needs option scores, but task " + sample.task().id()
                    + " instance " + sample.instance().id() + " has generated text");
        }
        if (ranked.scores().size() != sample.instance().options().size()) {
            throw new IllegalArgumentException(metric + ": task " + sample.task().id() + " instance "
                    + sample.instance().id() + " has " + sample.instance().options().size() + " options but "
                    + ranked.scores().size() + " scores");
        }
        return ranked;
    }
}
