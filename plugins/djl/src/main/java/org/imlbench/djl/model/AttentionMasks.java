package org.imlbench.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Additive attention biases for {@link OptModel#forward}: {@code [B, 1, T, P + T]} float32 arrays holding 0 where a
 * query may attend a key and {@link #MASKED} where it may not. One bias encodes causality, padding and packing, so
 * the model itself never looks at masks.
 *
 * <p>{@code MASKED} is large but finite: a query whose keys are all masked (a padding position) then gets a uniform
 * distribution instead of NaN, and its output is ignored.
 */
public final class AttentionMasks {
    /** The bias of a key a query must not see. */
    public static final float MASKED = -1e9f;

    private AttentionMasks() {
    }

    /**
     * Causal attention with padding anywhere (left padding in practice), over past and current keys.
     *
     * @param manager where the array is created
     * @param keyMask {@code [B][P + T]}: 1 for a real token, 0 for padding, over the cached past and the T current
     *                tokens
     * @param queryLength T, the number of current tokens (the last T keys)
     * @return the bias {@code [B, 1, T, P + T]}
     */
    public static NDArray causal(NDManager manager, int[][] keyMask, int queryLength) {
        int b = keyMask.length;
        int s = b == 0 ? 0 : keyMask[0].length;
        int past = s - queryLength;
        if (past < 0) {
            throw new IllegalArgumentException("key mask of length " + s + " is shorter than " + queryLength);
        }
        float[] bias = new float[b * queryLength * s];
        for (int r = 0; r < b; r++) {
            requireLength(keyMask[r], s);
            for (int i = 0; i < queryLength; i++) {
                int base = (r * queryLength + i) * s;
                int lastKey = past + i;
                for (int j = 0; j < s; j++) {
                    bias[base + j] = j <= lastKey && keyMask[r][j] != 0 ? 0f : MASKED;
                }
            }
        }
        return manager.create(bias, new Shape(b, 1, queryLength, s));
    }

    /**
     * Block-diagonal causal attention for packed sequences, after an optional shared past: a current token of segment
     * k attends every real past key of its row and the earlier tokens of segment k. Used to pack several training
     * examples in one row, and to score all options of one context in one row after the context's cached keys.
     *
     * @param manager where the array is created
     * @param pastMask {@code [B][P]}: 1 for a real cached key, 0 for padding (P may be 0)
     * @param segmentIds {@code [B][T]}: the segment of each current token, 1, 2, ...; 0 marks padding
     * @return the bias {@code [B, 1, T, P + T]}
     */
    public static NDArray packed(NDManager manager, int[][] pastMask, int[][] segmentIds) {
        int b = segmentIds.length;
        if (pastMask.length != b) {
            throw new IllegalArgumentException("past mask has " + pastMask.length + " rows, segments " + b);
        }
        int t = b == 0 ? 0 : segmentIds[0].length;
        int p = b == 0 ? 0 : pastMask[0].length;
        int s = p + t;
        float[] bias = new float[b * t * s];
        Arrays.fill(bias, MASKED);
        for (int r = 0; r < b; r++) {
            requireLength(pastMask[r], p);
            requireLength(segmentIds[r], t);
            for (int i = 0; i < t; i++) {
                int base = (r * t + i) * s;
                int seg = segmentIds[r][i];
                if (seg == 0) {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    if (pastMask[r][j] != 0) {
                        bias[base + j] = 0f;
                    }
                }
                for (int j = 0; j <= i; j++) {
                    if (segmentIds[r][j] == seg) {
                        bias[base + p + j] = 0f;
                    }
                }
            }
        }
        return manager.create(bias, new Shape(b, 1, t, s));
    }

    private static void requireLength(int[] row, int length) {
        if (row.length != length) {
            throw new IllegalArgumentException("ragged mask: row of " + row.length + " where " + length + " expected");
        }
    }
}
