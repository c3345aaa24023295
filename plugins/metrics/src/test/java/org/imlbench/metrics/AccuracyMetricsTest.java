package org.imlbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.Instance;
import org.imlbench.api.Prediction;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Sample;
import org.junit.jupiter.api.Test;

class AccuracyMetricsTest {
    private static final List<String> OPTIONS = List.of("a", "bbbbbbbbbb", "cc");
    /**
     * Summed log-likelihoods -3, -5, -4 (NONE picks option 0); per character -3, -0.5, -2 (picks option 1); per
     * token over 1, 5 and 20 tokens -3, -1, -0.2 (picks option 2).
     */
    private static final List<ContinuationScore> SCORES = List.of(
            new ContinuationScore(-3.0, 1, true),
            new ContinuationScore(-5.0, 5, false),
            new ContinuationScore(-4.0, 20, false));

    private final Accuracy accuracy = new Accuracy();
    private final AccuracyPerChar perChar = new AccuracyPerChar();
    private final AccuracyPerToken perToken = new AccuracyPerToken();

    private static Sample withAnswer(String answer) {
        return Samples.ranked(Instance.choice("1", "q", answer, OPTIONS), SCORES);
    }

    @Test
    void eachNormalizationChoosesItsOwnOption() {
        assertScores(withAnswer("a"), 1, 0, 0);
        assertScores(withAnswer("bbbbbbbbbb"), 0, 1, 0);
        assertScores(withAnswer("cc"), 0, 0, 1);
    }

    @Test
    void anyCorrectOptionCounts() {
        Instance twoCorrect = new Instance("1", "q", List.of("a", "cc"), OPTIONS, Map.of());
        Sample sample = Samples.ranked(twoCorrect, SCORES);
        assertScores(sample, 1, 0, 1);
    }

    @Test
    void tiesGoToTheFirstOption() {
        List<ContinuationScore> tied = List.of(new ContinuationScore(-1, 1, true), new ContinuationScore(-1, 1, true));
        List<String> options = List.of("x", "y");
        assertEquals(1.0, accuracy.score(Samples.ranked(Instance.choice("1", "q", "x", options), tied)));
        assertEquals(0.0, accuracy.score(Samples.ranked(Instance.choice("1", "q", "y", options), tied)));
    }

    @Test
    void accuracyJudgesGeneratedTextByNormalizedEquality() {
        Instance instance = Instance.choice("1", "q", "Yes", List.of("Yes", "No"));
        assertEquals(1.0, accuracy.score(Samples.text("synthetic", "optiml", instance, " yes.")));
        assertEquals(0.0, accuracy.score(Samples.text("synthetic", "optiml", instance, "No")));
        assertEquals(0.0, accuracy.score(Samples.text("synthetic", "optiml", instance, "")));
    }

    @Test
    void accuracyReadsTheAnswerOutOfChainOfThoughtText() {
        Instance instance = Instance.choice("1", "q", "(A)", List.of("(A)", "(B)"));
        assertEquals(1.0, accuracy.score(Samples.text("bbh", "bbh-cot", instance,
                "(B) looks wrong. So the answer is (A).")));
        assertEquals(0.0, accuracy.score(Samples.text("bbh", "bbh-cot", instance, "(A)")));
        // other formats compare the whole text
        assertEquals(0.0, accuracy.score(Samples.text("bbh", "bbh-direct", instance, "So the answer is (A).")));
    }

    @Test
    void lengthNormalizedAccuraciesNeedOptionScores() {
        Prediction text = new Prediction.Text("Yes");
        Prediction ranked = withAnswer("a").prediction();
        assertTrue(accuracy.accepts(text));
        assertTrue(accuracy.accepts(ranked));
        assertFalse(perChar.accepts(text));
        assertFalse(perToken.accepts(text));
        assertTrue(perChar.accepts(ranked));
        assertTrue(perToken.accepts(ranked));
        Sample textSample = Samples.text("synthetic", "optiml", Instance.choice("1", "q", "Yes", List.of("Yes", "No")),
                "Yes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> perChar.score(textSample));
        assertTrue(e.getMessage().contains("accuracy_per_char needs option scores"), e.getMessage());
    }

    @Test
    void appliesToOptionTasksOnly() {
        Sample option = withAnswer("a");
        Sample generation = Samples.generation("x", "y");
        for (RankAccuracy metric : List.of(accuracy, perChar, perToken)) {
            assertTrue(metric.appliesTo(option.task(), "optiml"), metric.name());
            assertFalse(metric.appliesTo(generation.task(), "optiml"), metric.name());
        }
    }

    @Test
    void scoresThatDoNotMatchTheOptionsAreAnError() {
        Instance instance = Instance.choice("1", "q", "a", List.of("a", "b"));
        Sample sample = new Sample(Samples.task("synthetic", instance), instance, "optiml",
                new RenderedPrompt("p", "a", List.of("a", "b"), List.of()),
                new Prediction.Ranked(List.of("a"), List.of(new ContinuationScore(-1, 1, true))));
        assertThrows(IllegalArgumentException.class, () -> accuracy.score(sample));
    }

    private void assertScores(Sample sample, double none, double character, double token) {
        assertEquals(none, accuracy.score(sample), "accuracy");
        assertEquals(character, perChar.score(sample), "accuracy_per_char");
        assertEquals(token, perToken.score(sample), "accuracy_per_token");
    }
}
