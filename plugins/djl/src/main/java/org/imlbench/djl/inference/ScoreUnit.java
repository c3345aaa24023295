package org.imlbench.djl.inference;

import java.util.List;

/**
 * Token-level scoring work: continuations that share exactly the same context tokens, so the context runs once and
 * its cached keys and values serve every continuation.
 *
 * @param context the context ids, BOS first, at least one
 * @param continuations the continuation ids after the context; each is scored separately (may be empty)
 */
public record ScoreUnit(int[] context, List<int[]> continuations) {
    /** Checks the invariants. */
    public ScoreUnit {
        if (context.length == 0) {
            throw new IllegalArgumentException("a score unit needs at least one context token (BOS)");
        }
        continuations = List.copyOf(continuations);
    }
}
