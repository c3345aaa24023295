package org.imlbench.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Scores against several references the way every official script here does ({@code metric_max_over_ground_truths}
 * in SQuAD and Super-NaturalInstructions): the best score over the references.
 */
final class References {
    private References() {
    }

    /**
     * @param references the instance's references (at least one, as {@link org.imlbench.api.Instance} guarantees)
     * @param score the score against one reference
     * @return the highest score
     */
    static double best(List<String> references, ToDoubleFunction<String> score) {
        double best = Double.NEGATIVE_INFINITY;
        for (String reference : references) {
            best = Math.max(best, score.applyAsDouble(reference));
        }
        return best;
    }
}
