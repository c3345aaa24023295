package org.imlbench.djl.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.imlbench.djl.model.AttentionMasks;
import org.imlbench.djl.model.ForwardMode;
import org.imlbench.djl.model.OptModel;
import org.imlbench.djl.model.Positions;

/**
 * Multiple-choice scoring as lm-evaluation-harness does it, for comparison in the same run: every option is run
 * with its whole context (right-padded batches), logits and log-softmax over every position, and the option's
 * tokens picked out afterwards.
 */
final class PerOptionBaseline {
    private PerOptionBaseline() {
    }

    /**
     * @param model the model
     * @param sequences context followed by option, one per option
     * @param optionLengths the option's length in each sequence
     * @param batchSize sequences per forward pass
     * @return the summed log-probability of each option
     */
    static double[] score(OptModel model, List<int[]> sequences, int[] optionLengths, int batchSize) {
        double[] out = new double[sequences.size()];
        for (int from = 0; from < sequences.size(); from += batchSize) {
            int to = Math.min(sequences.size(), from + batchSize);
            int rows = to - from;
            int width = 0;
            for (int i = from; i < to; i++) {
                width = Math.max(width, sequences.get(i).length - 1);
            }
            long[] ids = new long[rows * width];
            long[] targets = new long[rows * width];
            int[][] mask = new int[rows][width];
            Arrays.fill(ids, 1);
            for (int r = 0; r < rows; r++) {
                int[] s = sequences.get(from + r);
                for (int j = 0; j + 1 < s.length; j++) {
                    ids[r * width + j] = s[j];
                    targets[r * width + j] = s[j + 1];
                    mask[r][j] = 1;
                }
            }
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray logits = model.forward(scope.create(ids, new Shape(rows, width)),
                        Positions.toArray(scope, Positions.fromMask(mask)), AttentionMasks.causal(scope, mask, width),
                        null, ForwardMode.INFERENCE);
                float[] picked = logits.logSoftmax(-1).gather(scope.create(targets, new Shape(rows, width, 1)), 2)
                        .toFloatArray();
                for (int r = 0; r < rows; r++) {
                    int length = sequences.get(from + r).length - 1;
                    double sum = 0;
                    for (int j = length - optionLengths[from + r]; j < length; j++) {
                        sum += picked[r * width + j];
                    }
                    out[from + r] = sum;
                }
            }
        }
        return out;
    }
}
