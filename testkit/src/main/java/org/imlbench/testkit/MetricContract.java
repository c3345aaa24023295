package org.imlbench.testkit;

import java.util.List;
import org.imlbench.api.Metric;
import org.imlbench.api.Sample;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link Metric}: per-sample values are finite and lie in [0, 1], {@code accepts} and
 * {@code score} agree and are deterministic, and the metric applies to something. Extend it and return your metric;
 * override {@link #samples()} when the metric is meant for other tasks than {@link ContractData#tasks()}.
 */
public abstract class MetricContract {
    /** @return a new instance of the metric under test */
    protected abstract Metric metric();

    /** @return samples to score; by default {@link ContractData#samples(String)} with the {@code optiml} format */
    protected List<Sample> samples() {
        return ContractData.samples("optiml");
    }

    /** Name, API level, description and option keys. */
    @Test
    void isAWellFormedPlugin() {
        Contract.checkPlugin(metric());
    }

    /** The harness averages values and shows them ×100: anything outside [0, 1] corrupts every aggregate. */
    @Test
    void valuesAreFiniteAndBetweenZeroAndOne() {
        Metric metric = metric();
        for (Sample sample : applicable(metric)) {
            double value = metric.score(sample);
            if (!(value >= 0 && value <= 1)) {
                throw Contract.broken("metric values lie in [0, 1]", metric, "score " + value + " for "
                        + describe(sample));
            }
        }
    }

    /** A metric that accepts a prediction must score it, and say the same thing every time it is asked. */
    @Test
    void acceptsAndScoreAreConsistentAndDeterministic() {
        Metric metric = metric();
        for (Sample sample : samples()) {
            if (!metric.appliesTo(sample.task(), sample.format())) {
                continue;
            }
            boolean accepts = metric.accepts(sample.prediction());
            if (accepts != metric.accepts(sample.prediction())) {
                throw Contract.broken("accepts is deterministic", metric, "changed its answer for "
                        + describe(sample));
            }
            if (!accepts) {
                continue;
            }
            double first;
            try {
                first = metric.score(sample);
            } catch (RuntimeException e) {
                throw Contract.broken("an accepted prediction can be scored", metric, e + " for " + describe(sample));
            }
            double again = metric.score(sample);
            if (Double.compare(first, again) != 0) {
                throw Contract.broken("scores are deterministic", metric, first + " then " + again + " for "
                        + describe(sample));
            }
        }
    }

    /** A metric that applies to none of its samples is never reported: most likely appliesTo is wrong. */
    @Test
    void appliesToSomeSample() {
        Metric metric = metric();
        if (applicable(metric).isEmpty()) {
            throw Contract.broken("the metric applies to its samples", metric, "appliesTo or accepts refused all "
                    + samples().size() + " samples (override samples() with ones the metric is meant for)");
        }
    }

    private List<Sample> applicable(Metric metric) {
        return samples().stream().filter(s -> metric.appliesTo(s.task(), s.format())
                && metric.accepts(s.prediction())).toList();
    }

    private static String describe(Sample sample) {
        return sample.task().id() + "/" + sample.instance().id() + " with prediction " + sample.prediction();
    }
}
