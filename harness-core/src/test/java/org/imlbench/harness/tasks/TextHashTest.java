package org.imlbench.harness.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextHashTest {
    private static final char[] ALPHABET = {'a', 'B', ' ', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u00A0', '\u2028',
        '\u001C', '\u3000', 'é', '?', '\ud800'};

    @Test
    void normalizeIsStripAndCollapsedRegexWhitespace() {
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String s = text.toString();
            String expected = s.strip().replaceAll("\\s+", " ");
            assertEquals(expected, TextHash.normalize(s), "normalize of " + s.chars().boxed().toList());
            assertEquals(TextHash.ofNormalized(expected), TextHash.ofNormalized(s), s);
        }
    }

    @Test
    void hashesSeparateTextsAndEqualTextsHashEqually() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(TextHash.of("task-" + i)), "collision at " + i);
        }
        assertEquals(TextHash.of("a b"), TextHash.of(new String("a b")));
        assertNotEquals(TextHash.of("ab"), TextHash.of("ab\u0000"));
        assertNotEquals(TextHash.of("\ud800"), TextHash.of("?"), "a lone surrogate is not its replacement");
        assertEquals(TextHash.ofNormalized(" a\t b "), TextHash.ofNormalized("a b"));
        assertNotEquals(TextHash.ofNormalized("a b"), TextHash.ofNormalized("ab"));
    }

    @Test
    void knownInstancesAnswerByTaskAndId() {
        KnownInstanceIds known = new KnownInstanceIds();
        known.add("t1", new long[] {TextHash.of("b"), TextHash.of("a")});
        known.add("t2", new long[] {TextHash.of("c")});
        assertTrue(known.contains("t1", "a") && known.contains("t1", "b") && known.contains("t2", "c"));
        assertFalse(known.contains("t1", "c"));
        assertFalse(known.contains("t3", "a"));
        assertEquals(List.of("t1", "t2"), List.copyOf(known.taskIds()));
    }
}
