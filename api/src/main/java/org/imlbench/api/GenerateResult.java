package org.imlbench.api;

import java.util.List;
import java.util.Objects;

/** The outcome of one {@link GenerateRequest}: generated text, or a prediction that does not exist. */
public sealed interface GenerateResult {

    /** Why generation stopped. */
    enum StopReason {
        /** The model produced its end-of-sequence token. */
        END_OF_SEQUENCE,
        /** A stop sequence appeared (and was cut off). */
        STOP_SEQUENCE,
        /** The token limit was reached. */
        MAX_NEW_TOKENS,
        /** The text was recorded elsewhere (replayed predictions). */
        RECORDED
    }

    /**
     * Text the model produced.
     *
     * @param text the continuation, without the prompt, the end-of-sequence token or the stop sequence
     * @param tokenIds the generated token ids (empty for recorded text)
     * @param stopReason why generation stopped
     */
    record Generated(String text, List<Integer> tokenIds, StopReason stopReason) implements GenerateResult {
        /** Copies the list and checks for nulls. */
        public Generated {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(stopReason, "stopReason");
            tokenIds = List.copyOf(tokenIds);
        }
    }

    /**
     * No prediction exists for the request (a replay file without this instance). Counted and listed by the
     * harness, never scored as zero.
     *
     * @param reason why it is missing
     */
    record Missing(String reason) implements GenerateResult {
    }
}
