package org.imlbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imlbench.api.Instance;
import org.imlbench.api.Sample;
import org.junit.jupiter.api.Test;

class BbhExactMatchTest {
    private final BbhExactMatch metric = new BbhExactMatch();

    private static Sample bbh(String format, String output, String target) {
        return Samples.text("bbh", format, Instance.generation("0", "question", List.of(target)), output);
    }

    @Test
    void chainOfThoughtReadsTheAnswerAfterTheLastMarker() {
        assertEquals(1.0, metric.score(bbh("bbh-cot", "Step one. Step two. So the answer is (A).", "(A)")));
        assertEquals(0.0, metric.score(bbh("bbh-cot", "the answer is (A). Wait, the answer is (B).", "(A)")));
        assertEquals(1.0, metric.score(bbh("bbh-cot", "So the answer is No.\n\nQ: next", "No")));
        // no marker: no answer, even when the text is the target
        assertEquals(0.0, metric.score(bbh("bbh-cot", "(A)", "(A)")));
    }

    @Test
    void directComparesTheTrimmedFirstLine() {
        assertEquals(1.0, metric.score(bbh("bbh-direct", "  (A)\n", "(A)")));
        assertEquals(1.0, metric.score(bbh("optiml", "True\nFalse", "True")));
        // exact: case and punctuation count
        assertEquals(0.0, metric.score(bbh("bbh-direct", "true", "True")));
        assertEquals(0.0, metric.score(bbh("bbh-direct", "(A).", "(A)")));
        assertEquals(0.0, metric.score(bbh("bbh-direct", "", "(A)")));
    }

    @Test
    void appliesToBbhTasksOnly() {
        assertTrue(metric.appliesTo(bbh("bbh-direct", "", "x").task(), "bbh-direct"));
        assertFalse(metric.appliesTo(Samples.generation("x", "y").task(), "bbh-direct"));
    }
}
