package org.imlbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values are worked out by hand from rouge_score's definitions (google-research rouge/tokenize.py and
 * rouge/rouge_scorer.py {@code _score_lcs}): P = LCS / |prediction tokens|, R = LCS / |target tokens|,
 * F = 2PR / (P + R), 0 when either token list is empty.
 */
class RougeLTest {
    private static final double EPS = 1e-12;
    private final RougeL rouge = new RougeL(RougeTokenizer.withStemmer());

    @Test
    void lcsOfOneSubstitution() {
        // [the cat sat on the mat] vs [the cat is on the mat]: LCS = 5, P = R = 5/6
        assertEquals(5.0 / 6, rouge.fmeasure("The cat sat on the mat.", "the cat is on the mat"), EPS);
    }

    @Test
    void orderMatters() {
        // [mat the on] vs [the mat on]: LCS = 2, P = R = 2/3
        assertEquals(2.0 / 3, rouge.fmeasure("mat the on", "the mat on"), EPS);
    }

    @Test
    void stemmingConflatesRunningAndRuns() {
        // [he was run] vs [he run]: LCS = 2, P = 2/3, R = 1, F = 2 * 2/3 / (5/3) = 0.8
        assertEquals(0.8, rouge.fmeasure("He was running", "he runs"), EPS);
        assertEquals(1.0, rouge.fmeasure("running", "run"), EPS);
        RougeL unstemmed = new RougeL(new RougeTokenizer(null));
        assertEquals(0.0, unstemmed.fmeasure("running", "run"), EPS);
    }

    @Test
    void caseAndPunctuationDoNotCount() {
        assertEquals(1.0, rouge.fmeasure("HELLO, World!!", "hello world"), EPS);
    }

    @Test
    void emptyPredictionScoresZero() {
        assertEquals(0.0, rouge.fmeasure("", "the cat"), EPS);
        assertEquals(0.0, rouge.fmeasure("the cat", ""), EPS);
        // rouge_score returns 0 even when both sides are empty
        assertEquals(0.0, rouge.fmeasure("", ""), EPS);
    }

    @Test
    void textWithoutAsciiAlphanumericsScoresZero() {
        assertEquals(0.0, rouge.fmeasure("!!! ... ¿?", "yes"), EPS);
        // identical texts, but no token survives [a-z0-9]: still 0, as in the official script
        assertEquals(0.0, rouge.fmeasure("北京是中国的首都", "北京是中国的首都"), EPS);
        assertEquals(0.0, rouge.fmeasure("— …", "— …"), EPS);
    }

    @Test
    void tokenListsDirectly() {
        // LCS([a b c d], [a c e]) = 2: P = 2/3, R = 2/4, F = 2 * (1/3) / (7/6) = 4/7
        assertEquals(4.0 / 7, RougeL.fmeasure(List.of("a", "c", "e"), List.of("a", "b", "c", "d")), EPS);
        assertEquals(2, RougeL.lcsLength(List.of("a", "b", "c", "d"), List.of("a", "c", "e")));
    }
}
