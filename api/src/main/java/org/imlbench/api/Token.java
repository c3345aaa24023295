package org.imlbench.api;

import java.util.Objects;

/**
 * One token of a sequence ({@link TokenView#tokens}).
 *
 * @param id the token id
 * @param text the text it stands for (empty for special tokens; a token holding part of a multi-byte character
 *             shows the replacement character)
 * @param offset where it starts in the sequence's text, counted in Unicode code points (as OpenAI's
 *               {@code text_offset}); the token that completes a character split over several tokens starts there
 */
public record Token(int id, String text, int offset) {
    /** Checks the invariants. */
    public Token {
        Objects.requireNonNull(text, "text");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
    }
}
