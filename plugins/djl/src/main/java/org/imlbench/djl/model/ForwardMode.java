package org.imlbench.djl.model;

/**
 * How {@link OptModel#forward} runs: inference (no dropout) or training (dropout as Hugging Face's OPT applies it).
 */
public sealed interface ForwardMode {
    /** Evaluation: dropout off. */
    ForwardMode INFERENCE = new Inference();

    /** Evaluation and generation: no dropout anywhere. */
    record Inference() implements ForwardMode {
    }

    /**
     * Training: {@code dropout} after the attention output projection and after the second FFN projection, and the
     * config's {@code attention_dropout} on the attention probabilities.
     *
     * @param dropout the residual dropout rate, usually the config's {@code dropout}
     */
    record Training(float dropout) implements ForwardMode {
        /** Checks the rate. */
        public Training {
            if (dropout < 0 || dropout >= 1) {
                throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
            }
        }
    }
}
