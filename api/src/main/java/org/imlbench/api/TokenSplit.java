package org.imlbench.api;

import java.util.List;

/**
 * Context and continuation ids as a model scores one continuation ({@link TokenView#split}).
 *
 * @param context the context ids (a beginning-of-sequence id first where the model uses one)
 * @param continuation the scored ids
 */
public record TokenSplit(List<Integer> context, List<Integer> continuation) {
    /** Copies the lists. */
    public TokenSplit {
        context = List.copyOf(context);
        continuation = List.copyOf(continuation);
    }
}
