package org.imlbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UsageTextTest {
    @Test
    void wrapsAtOneHundredColumnsWithAHangingIndent() {
        String words = "word ".repeat(60).strip();
        String wrapped = UsageText.wrap(words, "  name  ", "        ");
        assertTrue(wrapped.startsWith("  name  word word"), wrapped);
        assertTrue(wrapped.lines().allMatch(line -> line.length() <= 100), wrapped);
        assertTrue(wrapped.lines().skip(1).allMatch(line -> line.startsWith("        word")), wrapped);
        assertEquals(60, wrapped.split("word", -1).length - 1, "no word lost");
    }

    @Test
    void keepsAWordLongerThanTheLineWhole() {
        String longWord = "x".repeat(120);
        assertEquals("a\n" + longWord + "\nb\n", UsageText.wrap("a " + longWord + " b", "", ""));
    }
}
