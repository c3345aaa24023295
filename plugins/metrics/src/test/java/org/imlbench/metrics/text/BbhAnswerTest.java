package org.imlbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BbhAnswerTest {
    @Test
    void chainOfThoughtTakesTheTextAfterTheLastMarkerWithoutItsPeriod() {
        assertEquals(Optional.of("(A)"),
                BbhAnswer.chainOfThought("Let's think step by step. 2 + 2 = 4. So the answer is (A)."));
        assertEquals(Optional.of("7"),
                BbhAnswer.chainOfThought("First the answer is 5. No: the answer is 7."));
        assertEquals(Optional.of("valid"), BbhAnswer.chainOfThought("so the answer is  valid . "));
        // only one trailing period goes; periods inside stay
        assertEquals(Optional.of("3.5."), BbhAnswer.chainOfThought("the answer is 3.5.."));
    }

    @Test
    void chainOfThoughtStopsAtTheEndOfTheAnswerLine() {
        assertEquals(Optional.of("True"),
                BbhAnswer.chainOfThought("So the answer is True.\n\nQ: not True and False is"));
    }

    @Test
    void chainOfThoughtWithoutMarkerHasNoAnswer() {
        assertEquals(Optional.empty(), BbhAnswer.chainOfThought("(A)"));
        assertEquals(Optional.empty(), BbhAnswer.chainOfThought(""));
        // case-sensitive, like lm-evaluation-harness's regex
        assertEquals(Optional.empty(), BbhAnswer.chainOfThought("The answer is (A)."));
    }

    @Test
    void directTakesTheFirstNonBlankLineTrimmed() {
        assertEquals("(B)", BbhAnswer.direct("  (B)\nbecause the second option"));
        assertEquals("True", BbhAnswer.direct("\n\nTrue \n"));
        assertEquals("", BbhAnswer.direct(" \n "));
        // nothing else is removed
        assertEquals("valid.", BbhAnswer.direct("valid."));
    }
}
