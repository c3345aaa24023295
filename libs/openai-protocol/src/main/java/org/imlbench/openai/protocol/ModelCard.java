package org.imlbench.openai.protocol;

import java.util.Objects;

/**
 * One entry of {@code GET /v1/models}.
 *
 * @param id the name clients put in {@code model}
 * @param created seconds since the epoch
 * @param ownedBy who serves it
 * @param maxModelLen the most tokens one sequence can hold, or 0 when unknown (vLLM's {@code max_model_len})
 */
public record ModelCard(String id, long created, String ownedBy, int maxModelLen) {
    /** Checks for nulls. */
    public ModelCard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownedBy, "ownedBy");
    }
}
