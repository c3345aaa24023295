package org.imlbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * SQuAD's f1_score (common = Counter(pred) &amp; Counter(gold); P = common / |pred|, R = common / |gold|,
 * F1 = 2PR / (P + R)), on Super-NaturalInstructions-normalized words; values worked out by hand.
 */
class TokenF1Test {
    private static final double EPS = 1e-12;

    @Test
    void partialOverlap() {
        // common 3, P = 3/3, R = 3/4, F1 = 2 * 3/4 / (7/4) = 6/7
        assertEquals(6.0 / 7, TokenF1.f1("the cat sat", "The cat sat down."), EPS);
    }

    @Test
    void repeatedWordsCountOnce() {
        // Counter(a a a) & Counter(a b) = {a: 1}: P = 1/3, R = 1/2, F1 = 2 * (1/6) / (5/6) = 0.4
        assertEquals(0.4, TokenF1.f1("a a a", "a b"), EPS);
    }

    @Test
    void articlesAreWordsHere() {
        // "a cat" vs "cat": P = 1/2, R = 1, F1 = 2/3 (SQuAD's own normalization would drop "a" and give 1)
        assertEquals(2.0 / 3, TokenF1.f1("a cat", "cat"), EPS);
    }

    @Test
    void caseAndPunctuationDoNotCount() {
        assertEquals(1.0, TokenF1.f1("The Cat!", "the cat"), EPS);
    }

    @Test
    void emptySides() {
        assertEquals(0.0, TokenF1.f1("", "cat"), EPS);
        assertEquals(0.0, TokenF1.f1("cat", "?"), EPS);
        assertEquals(1.0, TokenF1.f1("", "..."), EPS);
        assertEquals(0.0, TokenF1.f1("dog", "cat"), EPS);
    }
}
