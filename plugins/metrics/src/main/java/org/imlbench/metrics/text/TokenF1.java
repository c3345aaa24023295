package org.imlbench.metrics.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQuAD's token F1 ({@code f1_score} in the SQuAD v1.1/v2.0 evaluation scripts) on words of the
 * {@linkplain Niv2Normalizer Super-NaturalInstructions normalization}: with c the size of the multiset intersection
 * of the two word lists, precision = c / |prediction|, recall = c / |reference|, F1 = 2PR / (P + R), 0 when c = 0.
 * When either side has no word, F1 is 1 if both have none and 0 otherwise (SQuAD v2.0's rule; v1.1 would give 0 even
 * when both are empty, which would contradict exact match).
 */
public final class TokenF1 {
    private TokenF1() {
    }

    /**
     * Scores a prediction against one reference.
     *
     * @param prediction the model's text
     * @param reference the reference text
     * @return the token F1 in [0, 1]
     */
    public static double f1(String prediction, String reference) {
        List<String> predicted = PythonStrings.split(Niv2Normalizer.normalize(prediction));
        List<String> expected = PythonStrings.split(Niv2Normalizer.normalize(reference));
        if (predicted.isEmpty() || expected.isEmpty()) {
            return predicted.isEmpty() && expected.isEmpty() ? 1.0 : 0.0;
        }
        Map<String, Integer> remaining = new HashMap<>();
        for (String word : expected) {
            remaining.merge(word, 1, Integer::sum);
        }
        int common = 0;
        for (String word : predicted) {
            Integer left = remaining.get(word);
            if (left != null && left > 0) {
                remaining.put(word, left - 1);
                common++;
            }
        }
        if (common == 0) {
            return 0.0;
        }
        double precision = 1.0 * common / predicted.size();
        double recall = 1.0 * common / expected.size();
        return (2 * precision * recall) / (precision + recall);
    }
}
