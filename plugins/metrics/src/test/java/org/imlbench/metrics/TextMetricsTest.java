package org.imlbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.Instance;
import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;
import org.junit.jupiter.api.Test;

/**
 * exact_match, rouge_l and token_f1 on samples; the best over several references is Super-NaturalInstructions'
 * metric_max_over_ground_truths (eval/automatic/evaluation.py). Values worked out by hand.
 */
class TextMetricsTest {
    private static final double EPS = 1e-12;
    private final ExactMatch exactMatch = new ExactMatch();
    private final RougeLMetric rougeL = new RougeLMetric();
    private final TokenF1Metric tokenF1 = new TokenF1Metric();

    @Test
    void bestOverSeveralReferences() {
        Sample sample = Samples.generation("the cat", "a dog", "The cat sat", "cat!");
        // EM: "cat" != "the cat", "the cat sat" != "the cat"  -> 0
        assertEquals(0.0, exactMatch.score(sample));
        // ROUGE-L: [a dog] 0; [the cat sat] LCS 2, P = 1, R = 2/3, F = 0.8; [cat] LCS 1, P = 1/2, R = 1, F = 2/3
        assertEquals(0.8, rougeL.score(sample), EPS);
        // token F1: [the cat sat] 0.8; [cat] 2/3
        assertEquals(0.8, tokenF1.score(sample), EPS);
        assertEquals(1.0, exactMatch.score(Samples.generation("Cat.", "a dog", "cat")));
    }

    @Test
    void punctuationAndCase() {
        Sample sample = Samples.generation("  The CAT, sat!", "the cat sat");
        assertEquals(1.0, exactMatch.score(sample));
        assertEquals(1.0, rougeL.score(sample), EPS);
        assertEquals(1.0, tokenF1.score(sample), EPS);
    }

    @Test
    void stemmingHelpsRougeOnly() {
        Sample sample = Samples.generation("running", "run");
        assertEquals(0.0, exactMatch.score(sample));
        assertEquals(1.0, rougeL.score(sample), EPS);
        assertEquals(0.0, tokenF1.score(sample), EPS);
    }

    @Test
    void emptyPrediction() {
        Sample sample = Samples.generation("", "the cat");
        assertEquals(0.0, exactMatch.score(sample));
        assertEquals(0.0, rougeL.score(sample));
        assertEquals(0.0, tokenF1.score(sample));
    }

    @Test
    void noAsciiAlphanumerics() {
        Sample sample = Samples.generation("北京", "北京");
        assertEquals(1.0, exactMatch.score(sample));
        assertEquals(0.0, rougeL.score(sample));
        assertEquals(1.0, tokenF1.score(sample));
    }

    @Test
    void applicability() {
        Task generation = Samples.generation("x", "y").task();
        Instance choice = Instance.choice("1", "q", "yes", List.of("yes", "no"));
        Task niv2Options = Samples.task("niv2", choice);
        Task otherOptions = Samples.task("synthetic", choice);
        assertTrue(exactMatch.appliesTo(generation, "optiml"));
        assertTrue(exactMatch.appliesTo(otherOptions, "optiml"));
        assertTrue(rougeL.appliesTo(generation, "optiml"));
        assertTrue(rougeL.appliesTo(niv2Options, "optiml"));
        assertFalse(rougeL.appliesTo(otherOptions, "optiml"));
        assertTrue(tokenF1.appliesTo(generation, "optiml"));
        assertFalse(tokenF1.appliesTo(niv2Options, "optiml"));
        Prediction ranked = new Prediction.Ranked(List.of("yes", "no"),
                List.of(new ContinuationScore(-1, 1, true), new ContinuationScore(-2, 1, false)));
        for (var metric : List.of(exactMatch, rougeL, tokenF1)) {
            assertTrue(metric.accepts(new Prediction.Text("yes")), metric.name());
            assertFalse(metric.accepts(ranked), metric.name());
        }
    }
}
