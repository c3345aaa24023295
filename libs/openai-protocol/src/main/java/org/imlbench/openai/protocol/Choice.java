package org.imlbench.openai.protocol;

import java.util.Objects;

/**
 * One completion of one prompt.
 *
 * @param index the prompt's position in the request
 * @param text the echoed prompt (with {@code echo}) followed by the generated text, without the stop sequence
 * @param logprobs per-token log-probabilities, or null when not asked for
 * @param finishReason {@code stop} (end of sequence or a stop sequence) or {@code length} (the token limit)
 * @param stopReason the stop sequence that ended generation, or null (vLLM's extension of the protocol; lets a
 *                   client tell a stop sequence from the end-of-sequence token)
 */
public record Choice(int index, String text, Logprobs logprobs, String finishReason, String stopReason) {
    /** {@code finish_reason} when generation ended at the end-of-sequence token or a stop sequence. */
    public static final String STOP = "stop";
    /** {@code finish_reason} when generation ended at {@code max_tokens}. */
    public static final String LENGTH = "length";

    /** Checks for nulls. */
    public Choice {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
    }
}
