package org.imlbench.api;

import java.util.List;
import java.util.Objects;

/** What a model answered for one instance: option scores (rank classification) or generated text. */
public sealed interface Prediction {

    /**
     * Scores of every option's continuation; metrics choose the best by their own normalization.
     *
     * @param continuations the scored continuations, in option order
     * @param scores one per continuation
     */
    record Ranked(List<String> continuations, List<ContinuationScore> scores) implements Prediction {
        /** Copies the lists and checks they align. */
        public Ranked {
            continuations = List.copyOf(continuations);
            scores = List.copyOf(scores);
            if (continuations.size() != scores.size() || scores.isEmpty()) {
                throw new IllegalArgumentException(continuations.size() + " continuations but " + scores.size()
                        + " scores");
            }
        }

        /**
         * The index of the best option under a length normalization.
         *
         * @param normalization how to divide each log-likelihood
         * @return the index of the highest normalized score (the first on ties)
         */
        public int best(LengthNormalization normalization) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < scores.size(); i++) {
                double v = normalization.normalize(scores.get(i), continuations.get(i));
                if (v > bestValue) {
                    bestValue = v;
                    best = i;
                }
            }
            return best;
        }
    }

    /**
     * Generated (or recorded) text.
     *
     * @param text the model's output, without the prompt
     */
    record Text(String text) implements Prediction {
        /** Checks for null. */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** How option log-likelihoods are compared across options of different length. */
    enum LengthNormalization {
        /** The summed log-likelihood (OPT-IML's rank classification). */
        NONE,
        /** Divided by the continuation's characters (lm-evaluation-harness's acc_norm). */
        PER_CHARACTER,
        /** Divided by the continuation's tokens. */
        PER_TOKEN;

        /**
         * @param score a continuation's score
         * @param continuation its text
         * @return the comparable value
         */
        public double normalize(ContinuationScore score, String continuation) {
            return switch (this) {
                case NONE -> score.logLikelihood();
                case PER_CHARACTER -> score.logLikelihood() / Math.max(1, continuation.length());
                case PER_TOKEN -> score.logLikelihood() / Math.max(1, score.tokenCount());
            };
        }
    }
}
