package org.imlbench.djl.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import org.imlbench.api.ContinuationScore;
import org.imlbench.djl.model.AttentionMasks;
import org.imlbench.djl.model.ForwardMode;
import org.imlbench.djl.model.KvCache;
import org.imlbench.djl.model.OptModel;
import org.imlbench.djl.model.Positions;

/**
 * Rank-classification scoring with context reuse. Units are sorted by context length and batched; for each batch:
 * <ol>
 *   <li>the contexts run once, left-padded, filling a key/value cache; the last context position predicts every
 *       continuation's first token;</li>
 *   <li>all continuations of a row run in one more pass over that cache, packed side by side with block-diagonal
 *       attention (each continuation sees the whole context and its own earlier tokens, its positions restarting
 *       after the context), so each continuation costs only its own tokens.</li>
 * </ol>
 * Only positions whose prediction is scored go through the output projection. Padding is masked exactly (its
 * attention weight is 0), so results do not depend on batch composition beyond floating-point reassociation.
 */
public final class Scorer {
    private final OptModel model;
    private final int batchSize;
    private final int padId;

    /**
     * @param model the model
     * @param batchSize units per forward pass
     * @param padId the id padding positions carry (never attended)
     */
    public Scorer(OptModel model, int batchSize, int padId) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
        this.padId = padId;
    }

    /**
     * @param units the work
     * @param progress told the index of each finished unit
     * @return per unit, per continuation, its score
     */
    public List<List<ContinuationScore>> score(List<ScoreUnit> units, IntConsumer progress) {
        Integer[] order = new Integer[units.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Longest first (as lm-evaluation-harness does): similar lengths share a batch, and memory peaks early.
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -units.get(i).context().length)
                .thenComparing(i -> i));
        List<List<ContinuationScore>> results = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            results.add(null);
        }
        for (int from = 0; from < order.length; from += batchSize) {
            List<Integer> batch = Arrays.asList(order).subList(from, Math.min(order.length, from + batchSize));
            List<ScoreUnit> batchUnits = new ArrayList<>();
            batch.forEach(i -> batchUnits.add(units.get(i)));
            List<List<ContinuationScore>> scored = scoreBatch(batchUnits);
            for (int k = 0; k < batch.size(); k++) {
                results.set(batch.get(k), scored.get(k));
            }
            batch.forEach(progress::accept);
        }
        return results;
    }

    private List<List<ContinuationScore>> scoreBatch(List<ScoreUnit> units) {
        int rows = units.size();
        Accumulator acc = new Accumulator(units);
        int width = units.stream().mapToInt(u -> u.context().length).max().orElse(0);
        try (NDManager scope = model.manager().newSubManager();
             KvCache cache = new KvCache(model, width + packedWidth(units))) {
            long[] ids = new long[rows * width];
            int[][] mask = new int[rows][width];
            for (int r = 0; r < rows; r++) {
                int[] ctx = units.get(r).context();
                int pad = width - ctx.length;
                Arrays.fill(ids, r * width, r * width + pad, padId);
                for (int j = 0; j < ctx.length; j++) {
                    ids[r * width + pad + j] = ctx[j];
                    mask[r][pad + j] = 1;
                }
            }
            NDArray hidden = model.hidden(scope, scope.create(ids, new Shape(rows, width)),
                    Positions.toArray(scope, Positions.fromMask(mask)), AttentionMasks.causal(scope, mask, width),
                    cache, ForwardMode.INFERENCE);
            NDArray last = hidden.get(":, -1, :");
            int[][] firstTargets = new int[rows][];
            for (int r = 0; r < rows; r++) {
                List<int[]> conts = units.get(r).continuations();
                firstTargets[r] = conts.stream().filter(c -> c.length > 0).mapToInt(c -> c[0]).toArray();
            }
            TokenLogProbs.Result first = TokenLogProbs.compute(model, last, firstTargets);
            for (int r = 0; r < rows; r++) {
                int k = 0;
                for (int c = 0; c < units.get(r).continuations().size(); c++) {
                    if (units.get(r).continuations().get(c).length > 0) {
                        acc.add(r, c, first.logProbs()[r][k++], first.argmax()[r]);
                    }
                }
            }
            scoreRest(scope, cache, units, mask, acc);
        }
        return acc.results();
    }

    /** Runs every continuation's tokens but the last, packed per row after the cached context. */
    private void scoreRest(NDManager scope, KvCache cache, List<ScoreUnit> units, int[][] contextMask,
                           Accumulator acc) {
        int rows = units.size();
        int width = packedWidth(units);
        if (width == 0) {
            return;
        }
        long[] ids = new long[rows * width];
        Arrays.fill(ids, padId);
        int[][] segments = new int[rows][width];
        long[] start = new long[rows];
        List<long[]> wanted = new ArrayList<>(); // {flat position, row, continuation, target}
        for (int r = 0; r < rows; r++) {
            start[r] = Arrays.stream(contextMask[r]).sum();
            int j = 0;
            List<int[]> conts = units.get(r).continuations();
            for (int c = 0; c < conts.size(); c++) {
                int[] tokens = conts.get(c);
                for (int t = 0; t + 1 < tokens.length; t++) {
                    ids[r * width + j] = tokens[t];
                    segments[r][j] = c + 1;
                    wanted.add(new long[] {(long) r * width + j, r, c, tokens[t + 1]});
                    j++;
                }
            }
        }
        NDArray hidden = model.hidden(scope, scope.create(ids, new Shape(rows, width)),
                Positions.toArray(scope, Positions.perSegment(segments, start)),
                AttentionMasks.packed(scope, contextMask, segments), cache, ForwardMode.INFERENCE);
        long[] flat = new long[wanted.size()];
        int[][] targets = new int[wanted.size()][];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = wanted.get(i)[0];
            targets[i] = new int[] {(int) wanted.get(i)[3]};
        }
        NDArray rowsOfInterest = hidden.reshape(-1, hidden.getShape().get(2)).get(scope.create(flat));
        TokenLogProbs.Result rest = TokenLogProbs.compute(model, rowsOfInterest, targets);
        for (int i = 0; i < flat.length; i++) {
            long[] w = wanted.get(i);
            acc.add((int) w[1], (int) w[2], rest.logProbs()[i][0], rest.argmax()[i]);
        }
    }

    /** @return the longest row of continuation tokens that are fed to the model (all but each one's last) */
    private static int packedWidth(List<ScoreUnit> units) {
        int width = 0;
        for (ScoreUnit u : units) {
            int packed = 0;
            for (int[] c : u.continuations()) {
                packed += Math.max(0, c.length - 1);
            }
            width = Math.max(width, packed);
        }
        return width;
    }

    /** Sums log-probabilities per continuation, in double, and tracks whether every token was the argmax. */
    private static final class Accumulator {
        private final List<ScoreUnit> units;
        private final double[][] sums;
        private final boolean[][] greedy;
        private final int[][] seen;

        Accumulator(List<ScoreUnit> units) {
            this.units = units;
            this.sums = new double[units.size()][];
            this.greedy = new boolean[units.size()][];
            this.seen = new int[units.size()][];
            for (int r = 0; r < units.size(); r++) {
                sums[r] = new double[units.get(r).continuations().size()];
                seen[r] = new int[sums[r].length];
                greedy[r] = new boolean[sums[r].length];
                Arrays.fill(greedy[r], true);
            }
        }

        /** Adds the prediction of the next token of continuation c of row r; tokens arrive in order. */
        void add(int r, int c, float logProb, long argmax) {
            int[] tokens = units.get(r).continuations().get(c);
            sums[r][c] += logProb;
            if (argmax != tokens[seen[r][c]]) {
                greedy[r][c] = false;
            }
            seen[r][c]++;
        }

        List<List<ContinuationScore>> results() {
            List<List<ContinuationScore>> out = new ArrayList<>();
            for (int r = 0; r < units.size(); r++) {
                List<ContinuationScore> row = new ArrayList<>();
                for (int c = 0; c < sums[r].length; c++) {
                    int n = units.get(r).continuations().get(c).length;
                    if (seen[r][c] != n) {
                        throw new IllegalStateException("scored " + seen[r][c] + " of " + n + " tokens");
                    }
                    row.add(new ContinuationScore(sums[r][c], n, greedy[r][c]));
                }
                out.add(row);
            }
            return out;
        }
    }
}
