package org.imlbench.djl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The attention biases and position ids every forward pass relies on. */
class MasksAndPositionsTest {
    private static final float M = AttentionMasks.MASKED;

    @Test
    void positionsFollowTheMaskAsHuggingFaceDoes() {
        assertArrayEquals(new long[] {0, 0, 0, 1, 2}, Positions.fromMask(new int[][] {{0, 0, 1, 1, 1}})[0]);
        assertArrayEquals(new long[] {0, 1, 2, 3}, Positions.fromMask(new int[][] {{1, 1, 1, 1}})[0]);
        assertArrayEquals(new long[] {2, 3}, Positions.tail(new long[][] {{0, 1, 2, 3}}, 2)[0]);
    }

    @Test
    void positionsRestartPerSegmentAfterTheStart() {
        long[] p = Positions.perSegment(new int[][] {{1, 1, 2, 2, 2, 0}}, new long[] {5})[0];
        assertArrayEquals(new long[] {5, 6, 5, 6, 7, 5}, p);
    }

    @Test
    void causalMaskHidesFutureAndPadding() {
        DjlEngine.start(0);
        try (NDManager m = NDManager.newBaseManager(DjlEngine.NAME)) {
            // one padded key, three current tokens after one cached token
            float[] bias = AttentionMasks.causal(m, new int[][] {{0, 1, 1, 1}}, 3).toFloatArray();
            assertArrayEquals(new float[] {
                M, 0, M, M,
                M, 0, 0, M,
                M, 0, 0, 0}, bias);
        }
    }

    @Test
    void packedMaskIsBlockDiagonalAfterThePast() {
        DjlEngine.start(0);
        try (NDManager m = NDManager.newBaseManager(DjlEngine.NAME)) {
            float[] bias = AttentionMasks.packed(m, new int[][] {{0, 1}}, new int[][] {{1, 1, 2, 0}}).toFloatArray();
            assertEquals(4 * 6, bias.length);
            assertArrayEquals(new float[] {
                M, 0, 0, M, M, M,
                M, 0, 0, 0, M, M,
                M, 0, M, M, 0, M,
                M, M, M, M, M, M}, bias);
        }
    }
}
