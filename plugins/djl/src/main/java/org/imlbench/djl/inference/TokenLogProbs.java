package org.imlbench.djl.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.imlbench.djl.model.OptModel;

/**
 * Log-probabilities of chosen next tokens, computed from hidden states of only the positions that need them: the
 * output projection over the vocabulary is the costliest single step of scoring, so it never runs on positions whose
 * prediction nobody reads. Rows are projected in chunks to bound the memory of {@code [rows, vocab]} logits.
 *
 * <p>A chunk's logits stay under {@value #CHUNK_BYTES} bytes: glibc serves allocations below its dynamic mmap
 * threshold (at most 32 MiB) from its heap and reuses them, while larger ones are mapped, and their pages faulted in
 * and zeroed by the kernel, on every allocation. With 512-row chunks of OPT's 50272-entry vocabulary (100 MB) an
 * echo-scoring server spent as much time in the kernel as in the model.
 */
final class TokenLogProbs {
    /** The most rows per output-projection chunk. */
    private static final int CHUNK = 512;
    /** The most bytes of float32 logits per chunk. */
    private static final long CHUNK_BYTES = 16L << 20;

    private TokenLogProbs() {
    }

    /**
     * The results for N rows: per row, the log-probability of each target, the argmax token and its
     * log-probability.
     */
    record Result(float[][] logProbs, long[] argmax, float[] topLogProbs) {
    }

    /**
     * @param model the model whose output projection to use
     * @param hiddenRows {@code [N, P]} final hidden states
     * @param targets per row, the token ids whose log-probabilities are wanted (one or more)
     * @return per row the targets' log-probabilities, the row's argmax and its log-probability
     */
    static Result compute(OptModel model, NDArray hiddenRows, int[][] targets) {
        int n = targets.length;
        long rowBytes = Float.BYTES * (long) model.config().vocabSize();
        int chunk = (int) Math.max(1, Math.min(CHUNK, CHUNK_BYTES / rowBytes));
        float[][] logProbs = new float[n][];
        long[] argmax = new long[n];
        float[] top = new float[n];
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            try (NDManager scope = hiddenRows.getManager().newSubManager()) {
                NDArray rows = hiddenRows.get(from + ":" + to);
                rows.attach(scope);
                NDArray logits = model.logits(rows);
                NDArray logSoftmax = logits.logSoftmax(-1);
                int width = 1;
                for (int r = from; r < to; r++) {
                    width = Math.max(width, targets[r].length);
                }
                long[] index = new long[(to - from) * width];
                for (int r = from; r < to; r++) {
                    for (int k = 0; k < targets[r].length; k++) {
                        index[(r - from) * width + k] = targets[r][k];
                    }
                }
                float[] picked = logSoftmax.gather(scope.create(index, new Shape(to - from, width)), 1)
                        .toFloatArray();
                long[] best = logits.argMax(-1).toLongArray();
                float[] bestLogProb = logSoftmax.max(new int[] {-1}).toFloatArray();
                for (int r = from; r < to; r++) {
                    top[r] = bestLogProb[r - from];
                    logProbs[r] = Arrays.copyOfRange(picked, (r - from) * width,
                            (r - from) * width + targets[r].length);
                    argmax[r] = best[r - from];
                }
            }
        }
        return new Result(logProbs, argmax, top);
    }
}
