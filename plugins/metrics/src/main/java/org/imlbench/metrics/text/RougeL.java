package org.imlbench.metrics.text;

import java.util.List;

/**
 * ROUGE-L F-measure as {@code rouge_score}'s {@code _score_lcs} computes it: with L the length of the longest common
 * subsequence of the token lists, precision = L / |prediction|, recall = L / |target|, F = 2PR / (P + R) (0 when
 * P + R = 0), and 0 when either list is empty.
 */
public final class RougeL {
    private final RougeTokenizer tokenizer;

    /**
     * @param tokenizer how texts become tokens
     */
    public RougeL(RougeTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * Scores a prediction against one reference.
     *
     * @param prediction the model's text
     * @param target the reference text
     * @return the ROUGE-L F-measure in [0, 1]
     */
    public double fmeasure(String prediction, String target) {
        return fmeasure(tokenizer.tokenize(prediction), tokenizer.tokenize(target));
    }

    /**
     * Scores token lists.
     *
     * @param prediction the prediction's tokens
     * @param target the reference's tokens
     * @return the ROUGE-L F-measure in [0, 1]
     */
    public static double fmeasure(List<String> prediction, List<String> target) {
        if (prediction.isEmpty() || target.isEmpty()) {
            return 0.0;
        }
        int lcs = lcsLength(target, prediction);
        // Same operations, in the same order, as rouge_score, so that the doubles agree bit for bit.
        double precision = (double) lcs / prediction.size();
        double recall = (double) lcs / target.size();
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
    }

    /** Classic dynamic programme, two rows at a time. */
    static int lcsLength(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = x.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
