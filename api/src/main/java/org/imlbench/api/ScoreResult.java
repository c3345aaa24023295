package org.imlbench.api;

import java.util.List;

/**
 * The scores of a {@link ScoreRequest}'s continuations, in request order.
 *
 * @param scores one per continuation
 */
public record ScoreResult(List<ContinuationScore> scores) {
    /** Copies the list. */
    public ScoreResult {
        scores = List.copyOf(scores);
    }
}
