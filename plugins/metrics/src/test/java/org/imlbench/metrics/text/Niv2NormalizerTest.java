package org.imlbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Super-NaturalInstructions' normalize_answer (eval/automatic/evaluation.py): lower-case, drop Python's
 * string.punctuation, ' '.join(text.split()); no article removal.
 */
class Niv2NormalizerTest {
    @Test
    void lowerCasesAndDropsAsciiPunctuation() {
        assertEquals("the cat", Niv2Normalizer.normalize("The Cat!"));
        assertEquals("dont stop", Niv2Normalizer.normalize("Don't stop."));
        assertEquals("usa", Niv2Normalizer.normalize("U.S.A."));
        // the official code deletes '.' inside numbers too
        assertEquals("35", Niv2Normalizer.normalize("3.5"));
        assertEquals("", Niv2Normalizer.normalize("!?.,;:()[]{}<>\"'`~@#$%^&*-_=+|\\/"));
    }

    @Test
    void collapsesWhitespaceAsPythonSplitDoes() {
        assertEquals("hello world", Niv2Normalizer.normalize("  hello \n\t world "));
        // Python's str.split() splits on no-break spaces too (Java's Character.isWhitespace does not)
        assertEquals("hello world", Niv2Normalizer.normalize("hello\u00A0world"));
        assertEquals("hello world", Niv2Normalizer.normalize("hello\u2007\u202Fworld\u0085"));
    }

    @Test
    void keepsArticlesAndNonAsciiPunctuation() {
        assertFalse(Niv2Normalizer.exactMatch("a cat", "cat"));
        assertFalse(Niv2Normalizer.exactMatch("hello…", "hello"));
        assertEquals("¿dónde", Niv2Normalizer.normalize("¿Dónde?"));
    }

    @Test
    void exactMatchComparesNormalizedTexts() {
        assertTrue(Niv2Normalizer.exactMatch("The Cat!", "the cat"));
        assertTrue(Niv2Normalizer.exactMatch(" Positive.\n", "positive"));
        assertTrue(Niv2Normalizer.exactMatch("", "..."));
        assertFalse(Niv2Normalizer.exactMatch("positive", "negative"));
        // no stemming in exact match
        assertFalse(Niv2Normalizer.exactMatch("running", "run"));
    }
}
