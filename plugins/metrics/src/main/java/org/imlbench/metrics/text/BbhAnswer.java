package org.imlbench.metrics.text;

import java.util.Optional;

/**
 * Reads the answer out of a BIG-Bench Hard generation.
 *
 * <ul>
 *   <li>Chain of thought: the text after the <em>last</em> {@value #MARKER}, up to the end of that line, trimmed,
 *       with one trailing period removed and trimmed again. The marker is case-sensitive, like
 *       lm-evaluation-harness's {@code (?<=the answer is )(.*)(?=.)} filter and the "So the answer is (A)." wording of
 *       BBH's {@code cot-prompts}. Taking the last occurrence (as chain-of-thought-hub's
 *       {@code split('answer is ')[-1]} does) lets a model correct itself; lm-evaluation-harness takes the first, and
 *       the two differ only when the marker appears twice. Without the marker there is no answer (lm-evaluation-
 *       harness's {@code [invalid]}), which never equals a target.</li>
 *   <li>Direct: the output's first non-blank line, trimmed (lm-evaluation-harness's zero-shot filter keeps the first
 *       line and strips it; leading blank lines are skipped here so that a model opening with a newline is not
 *       scored on an empty line).</li>
 * </ul>
 */
public final class BbhAnswer {
    /** The phrase that introduces a chain-of-thought answer. */
    public static final String MARKER = "the answer is ";

    private BbhAnswer() {
    }

    /**
     * Extracts the answer of a chain-of-thought generation.
     *
     * @param output the generated text
     * @return the answer, or empty when the output never says {@value #MARKER}
     */
    public static Optional<String> chainOfThought(String output) {
        int at = output.lastIndexOf(MARKER);
        if (at < 0) {
            return Optional.empty();
        }
        String answer = firstLine(output.substring(at + MARKER.length())).strip();
        if (answer.endsWith(".")) {
            answer = answer.substring(0, answer.length() - 1).strip();
        }
        return Optional.of(answer);
    }

    /**
     * Extracts the answer of a direct (answer-only) generation.
     *
     * @param output the generated text
     * @return the first non-blank line, trimmed (empty string for blank output)
     */
    public static String direct(String output) {
        return firstLine(output.strip()).strip();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
