package org.imlbench.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * 0-based position ids for {@link OptModel#forward} (OPT's offset 2 is added inside the model).
 */
public final class Positions {
    private Positions() {
    }

    /**
     * Positions from an attention mask, as Hugging Face's OPT computes them: {@code cumsum(mask) * mask - 1}, so
     * left padding does not shift the real tokens; padding gets position 0 (clamped from -1; its output is unused).
     *
     * @param mask {@code [B][S]}, 1 for real tokens and 0 for padding
     * @return {@code [B][S]} positions
     */
    public static long[][] fromMask(int[][] mask) {
        long[][] out = new long[mask.length][];
        for (int r = 0; r < mask.length; r++) {
            out[r] = new long[mask[r].length];
            long count = 0;
            for (int j = 0; j < mask[r].length; j++) {
                count += mask[r][j] != 0 ? 1 : 0;
                out[r][j] = mask[r][j] != 0 ? count - 1 : 0;
            }
        }
        return out;
    }

    /**
     * Positions that restart for every packed segment, each segment starting at {@code start[r]} (0 for packed
     * training examples; the context's length when the segments are options scored after a cached context).
     *
     * @param segmentIds {@code [B][T]}, segment ids with 0 for padding (see {@link AttentionMasks#packed})
     * @param start per row, the first position of every segment
     * @return {@code [B][T]} positions; padding gets {@code start[r]}
     */
    public static long[][] perSegment(int[][] segmentIds, long[] start) {
        long[][] out = new long[segmentIds.length][];
        for (int r = 0; r < segmentIds.length; r++) {
            int[] seg = segmentIds[r];
            out[r] = new long[seg.length];
            int current = -1;
            long next = start[r];
            for (int j = 0; j < seg.length; j++) {
                if (seg[j] == 0) {
                    out[r][j] = start[r];
                    continue;
                }
                if (seg[j] != current) {
                    current = seg[j];
                    next = start[r];
                }
                out[r][j] = next++;
            }
        }
        return out;
    }

    /**
     * The last {@code length} columns of each row.
     *
     * @param positions {@code [B][S]}
     * @param length how many trailing columns to keep
     * @return {@code [B][length]}
     */
    public static long[][] tail(long[][] positions, int length) {
        long[][] out = new long[positions.length][];
        for (int r = 0; r < positions.length; r++) {
            out[r] = Arrays.copyOfRange(positions[r], positions[r].length - length, positions[r].length);
        }
        return out;
    }

    /**
     * @param manager where the array is created
     * @param values a rectangular {@code [B][T]} matrix
     * @return an int64 array {@code [B, T]}
     */
    public static NDArray toArray(NDManager manager, long[][] values) {
        int b = values.length;
        int t = b == 0 ? 0 : values[0].length;
        long[] flat = new long[b * t];
        for (int r = 0; r < b; r++) {
            if (values[r].length != t) {
                throw new IllegalArgumentException("ragged matrix: row " + r + " has " + values[r].length + " of " + t);
            }
            System.arraycopy(values[r], 0, flat, r * t, t);
        }
        return manager.create(flat, new Shape(b, t));
    }
}
