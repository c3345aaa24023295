package org.imlbench.metrics.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The default tokenizer of Google's {@code rouge_score} ({@code rouge/tokenize.py}, google-research), with the
 * stemmer that {@code RougeScorer(['rougeL'], use_stemmer=True)} installs:
 * <ol>
 *   <li>lower-case the text (Python {@code str.lower()});</li>
 *   <li>replace every run of characters outside {@code [a-z0-9]} with a space (so any non-ASCII letter, e.g. "é",
 *       separates tokens and text without ASCII letters or digits has no token at all);</li>
 *   <li>split on whitespace;</li>
 *   <li>Porter-stem (NLTK) every token longer than 3 characters;</li>
 *   <li>drop tokens that are empty or not {@code [a-z0-9]+}.</li>
 * </ol>
 */
public final class RougeTokenizer {
    private final PorterStemmer stemmer;

    /**
     * @param stemmer the stemmer, or null for {@code use_stemmer=False}
     */
    public RougeTokenizer(PorterStemmer stemmer) {
        this.stemmer = stemmer;
    }

    /** @return the tokenizer used by Super-NaturalInstructions' evaluation (stemming on) */
    public static RougeTokenizer withStemmer() {
        return new RougeTokenizer(new PorterStemmer());
    }

    /**
     * Tokenizes a text.
     *
     * @param text any text
     * @return its tokens, in order
     */
    public List<String> tokenize(String text) {
        String lower = PythonStrings.lower(text);
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean alphanumeric = i < lower.length() && isAsciiLowerAlphanumeric(lower.charAt(i));
            if (alphanumeric && start < 0) {
                start = i;
            } else if (!alphanumeric && start >= 0) {
                tokens.add(stem(lower.substring(start, i)));
                start = -1;
            }
        }
        tokens.removeIf(token -> token.isEmpty() || !token.chars().allMatch(c -> isAsciiLowerAlphanumeric((char) c)));
        return tokens;
    }

    private String stem(String token) {
        // rouge_score: "Only stem words more than 3 characters long."
        return stemmer != null && token.length() > 3 ? stemmer.stem(token) : token;
    }

    private static boolean isAsciiLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
