package org.imlbench.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.imlbench.api.ContinuationScore;
import org.imlbench.openai.protocol.Logprobs;
import org.junit.jupiter.api.Test;

/** Locating a continuation's tokens in an echoed prompt by their text offsets. */
class EchoScoresTest {
    /** Tokens given as texts (the first is BOS, empty); each token's log-probability is -(its index). */
    private static Logprobs echo(String... tokens) {
        List<Integer> offsets = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Map<String, Double>> tops = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < tokens.length; i++) {
            offsets.add(at);
            at += tokens[i].codePointCount(0, tokens[i].length());
            values.add(i == 0 ? null : -(double) i);
            tops.add(i == 0 ? null : Map.of("x", i == 3 ? -1.0 : -(double) i));
        }
        return new Logprobs(Arrays.asList(tokens), values, tops, offsets);
    }

    @Test
    void sumsTheTokensThatHoldTheContinuation() throws IOException {
        ContinuationScore s = EchoScores.score("The cat", " sat down", echo("", "The", " cat", " sat", " down"));
        assertEquals(-7.0, s.logLikelihood());
        assertEquals(2, s.tokenCount());
        assertFalse(s.greedy(), "token 3 had a more likely alternative");
        ContinuationScore greedy = EchoScores.score("The cat sat", " down", echo("", "The", " cat", " sat", " down"));
        assertTrue(greedy.greedy());
    }

    @Test
    void trailingWhitespaceOfTheContextBelongsToTheContinuation() throws IOException {
        ContinuationScore s = EchoScores.score("Answer: ", "yes", echo("", "Answer", ":", " yes"));
        assertEquals(-3.0, s.logLikelihood());
        assertEquals(1, s.tokenCount());
    }

    @Test
    void aTokenAcrossTheBoundaryIsScoredAndGeneratedTokensAreNot() throws IOException {
        ContinuationScore merged = EchoScores.score("caf", "é!", echo("", "ca", "fé", "!", " extra"));
        assertEquals(-5.0, merged.logLikelihood(), "'fé' holds the continuation's first character");
        assertEquals(2, merged.tokenCount(), "' extra' lies beyond the prompt: a generated token");
        ContinuationScore emoji = EchoScores.score("a", "😀b", echo("", "a", "😀", "b"));
        assertEquals(2, emoji.tokenCount(), "offsets count code points");
    }

    @Test
    void aContinuationWithoutALogProbabilityIsAnError() {
        IOException e = assertThrows(IOException.class, () -> EchoScores.score("", "hi",
                new Logprobs(List.of("hi"), Arrays.asList((Double) null), Arrays.asList((Map<String, Double>) null),
                        List.of(0))));
        assertTrue(e.getMessage().contains("no log-probability"), e.getMessage());
    }
}
