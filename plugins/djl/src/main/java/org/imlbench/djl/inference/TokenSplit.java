package org.imlbench.djl.inference;

/**
 * Context and continuation ids as the model sees the joined text.
 *
 * @param context the context ids, BOS first
 * @param continuation the continuation ids (scored)
 */
public record TokenSplit(int[] context, int[] continuation) {
}
