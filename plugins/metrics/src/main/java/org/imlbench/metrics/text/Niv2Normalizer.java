package org.imlbench.metrics.text;

/**
 * Super-NaturalInstructions' answer normalization, {@code normalize_answer} in the official
 * {@code eval/automatic/evaluation.py} (allenai/natural-instructions): lower-case, delete every character of Python's
 * {@code string.punctuation}, then {@code ' '.join(text.split())}. Adapted there from SQuAD v1.1 <em>without</em>
 * removing articles, so "a cat" and "cat" stay different.
 */
public final class Niv2Normalizer {
    /** Python's {@code string.punctuation}: ASCII punctuation only ("…" or "¿" are kept, as in the official code). */
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private Niv2Normalizer() {
    }

    /**
     * Normalizes an answer.
     *
     * @param text a prediction or a reference
     * @return the normalized text: lower case, no ASCII punctuation, words separated by single spaces
     */
    public static String normalize(String text) {
        String lower = PythonStrings.lower(text);
        StringBuilder kept = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        return String.join(" ", PythonStrings.split(kept.toString()));
    }

    /**
     * The official {@code exact_match}: whether both texts normalize to the same string.
     *
     * @param prediction the model's answer
     * @param reference a reference answer
     * @return true when they match after normalization
     */
    public static boolean exactMatch(String prediction, String reference) {
        return normalize(prediction).equals(normalize(reference));
    }
}
