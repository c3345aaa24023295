package org.imlbench.tuningdata;

import java.util.Arrays;
import java.util.List;

/**
 * A batch of training rows on the host, ready to become tensors: each row holds one or more examples back to back
 * (packed) or exactly one (unpacked), right-padded to the longest row.
 *
 * <p>Each example is its own segment (ids 1, 2, ... within a row; 0 marks padding): positions restart at 0 for every
 * segment, and the attention bias built from the segment ids is block-diagonal causal, so no example sees another.
 * Position {@code j} carries loss when token {@code j + 1} belongs to the same example's target (its closing
 * {@code </s>} included); the loss is never taken across segments.
 *
 * @param rows number of rows
 * @param length tokens per row (the longest row)
 * @param inputIds {@code [rows][length]} token ids, padding id in the tail
 * @param segmentIds {@code [rows][length]} segment of each token, 0 for padding
 * @param lossIndex flat indices {@code row * length + j} of the positions that carry loss, in order
 * @param lossLabels the token each of those positions must predict
 * @param realTokens tokens in the batch that are not padding
 */
public record TrainingBatch(int rows, int length, int[][] inputIds, int[][] segmentIds, int[] lossIndex,
                            int[] lossLabels, long realTokens) {

    /**
     * Lays out rows of examples.
     *
     * @param rows the examples of each row, in order; each row must fit the window already
     * @param padId the padding id
     * @return the batch
     */
    public static TrainingBatch of(List<List<EncodedExample>> rows, int padId) {
        int length = 1;
        for (List<EncodedExample> row : rows) {
            int n = 0;
            for (EncodedExample e : row) {
                n += e.length();
            }
            length = Math.max(length, n);
        }
        int[][] ids = new int[rows.size()][length];
        int[][] segments = new int[rows.size()][length];
        int lossCount = 0;
        for (List<EncodedExample> row : rows) {
            for (EncodedExample e : row) {
                lossCount += e.lossTokens();
            }
        }
        int[] lossIndex = new int[lossCount];
        int[] lossLabels = new int[lossCount];
        int k = 0;
        long real = 0;
        for (int r = 0; r < rows.size(); r++) {
            Arrays.fill(ids[r], padId);
            int offset = 0;
            int segment = 0;
            for (EncodedExample e : rows.get(r)) {
                segment++;
                int[] tokens = e.ids();
                int sourceLength = e.source().length;
                System.arraycopy(tokens, 0, ids[r], offset, tokens.length);
                Arrays.fill(segments[r], offset, offset + tokens.length, segment);
                // position (offset + j) predicts token (offset + j + 1); targets start at offset + sourceLength
                for (int j = sourceLength - 1; j < tokens.length - 1; j++) {
                    lossIndex[k] = r * length + offset + j;
                    lossLabels[k] = tokens[j + 1];
                    k++;
                }
                offset += tokens.length;
            }
            real += offset;
        }
        return new TrainingBatch(rows.size(), length, ids, segments, lossIndex, lossLabels, real);
    }

    /** @return the number of positions that carry loss (target tokens, EOS included) */
    public int lossTokens() {
        return lossIndex.length;
    }

    /** @return every token slot of the batch, padding included */
    public long slots() {
        return (long) rows * length;
    }

}
