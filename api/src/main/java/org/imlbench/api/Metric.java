package org.imlbench.api;

/**
 * Service interface: scores one evaluated sample. The harness averages per-sample scores into task, category and
 * split figures with bootstrap confidence intervals, so a metric only defines the per-sample value.
 */
public interface Metric extends Plugin {
    /**
     * Whether this metric is reported for a task evaluated with a format.
     *
     * @param task the task
     * @param format the prompt format's name
     * @return true to report it
     */
    boolean appliesTo(Task task, String format);

    /**
     * Whether this metric can score a kind of prediction; a length-normalized accuracy, for example, needs option
     * scores and cannot judge generated text (an option task answered by a model that cannot score).
     *
     * @param prediction the sample's prediction
     * @return true when {@link #score} accepts it
     */
    default boolean accepts(Prediction prediction) {
        return true;
    }

    /**
     * The sample's score.
     *
     * @param sample an evaluated sample of a task this metric applies to
     * @return the score in [0, 1] (reports show it ×100)
     */
    double score(Sample sample);
}
