package org.imlbench.djl.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import org.imlbench.api.TokenLogProb;
import org.imlbench.djl.model.AttentionMasks;
import org.imlbench.djl.model.ForwardMode;
import org.imlbench.djl.model.OptModel;
import org.imlbench.djl.model.Positions;

/**
 * The log-probability of every token of whole sequences given the tokens before it, with the most likely token at
 * each position: what an OpenAI-style {@code echo} with {@code logprobs} returns. Sequences are sorted by length and
 * batched, right-padded (causal attention never sees the padding); every position goes through the output
 * projection, in chunks (see {@link TokenLogProbs}).
 */
public final class PromptScorer {
    private final OptModel model;
    private final int batchSize;
    private final int padId;

    /**
     * @param model the model
     * @param batchSize sequences per forward pass
     * @param padId the id padding positions carry
     */
    public PromptScorer(OptModel model, int batchSize, int padId) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
        this.padId = padId;
    }

    /**
     * @param sequences token ids, each 1 to the model's positions long, every id within the vocabulary
     * @param progress told the index of each finished sequence
     * @return per sequence, {@code length - 1} entries: entry i is about token i + 1
     */
    public List<List<TokenLogProb>> score(List<int[]> sequences, IntConsumer progress) {
        int vocab = model.config().vocabSize();
        int positions = model.config().maxPositions();
        for (int[] s : sequences) {
            if (s.length == 0 || s.length > positions) {
                throw new IllegalArgumentException("a sequence needs 1 to " + positions + " tokens, not " + s.length);
            }
            for (int id : s) {
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab
                            + ")");
                }
            }
        }
        Integer[] order = new Integer[sequences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -sequences.get(i).length).thenComparing(i -> i));
        List<List<TokenLogProb>> results = new ArrayList<>(sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            results.add(List.of());
        }
        for (int from = 0; from < order.length; from += batchSize) {
            List<Integer> batch = Arrays.asList(order).subList(from, Math.min(order.length, from + batchSize));
            List<int[]> rows = batch.stream().map(sequences::get).toList();
            List<List<TokenLogProb>> scored = scoreBatch(rows);
            for (int k = 0; k < batch.size(); k++) {
                results.set(batch.get(k), scored.get(k));
            }
            batch.forEach(progress::accept);
        }
        return results;
    }

    private List<List<TokenLogProb>> scoreBatch(List<int[]> rows) {
        int width = rows.stream().mapToInt(r -> r.length).max().orElse(1);
        long[] ids = new long[rows.size() * width];
        Arrays.fill(ids, padId);
        int[][] mask = new int[rows.size()][width];
        List<long[]> wanted = new ArrayList<>(); // {flat position, target}
        for (int r = 0; r < rows.size(); r++) {
            int[] s = rows.get(r);
            for (int j = 0; j < s.length; j++) {
                ids[r * width + j] = s[j];
                mask[r][j] = 1;
                if (j + 1 < s.length) {
                    wanted.add(new long[] {(long) r * width + j, s[j + 1]});
                }
            }
        }
        List<List<TokenLogProb>> out = new ArrayList<>(rows.size());
        if (wanted.isEmpty()) {
            rows.forEach(r -> out.add(List.of()));
            return out;
        }
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray hidden = model.hidden(scope, scope.create(ids, new Shape(rows.size(), width)),
                    Positions.toArray(scope, Positions.fromMask(mask)), AttentionMasks.causal(scope, mask, width),
                    null, ForwardMode.INFERENCE);
            long[] flat = new long[wanted.size()];
            int[][] targets = new int[wanted.size()][];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = wanted.get(i)[0];
                targets[i] = new int[] {(int) wanted.get(i)[1]};
            }
            NDArray positionsOfInterest = hidden.reshape(-1, hidden.getShape().get(2)).get(scope.create(flat));
            TokenLogProbs.Result result = TokenLogProbs.compute(model, positionsOfInterest, targets);
            int i = 0;
            for (int[] s : rows) {
                List<TokenLogProb> row = new ArrayList<>(s.length - 1);
                for (int j = 0; j + 1 < s.length; j++, i++) {
                    row.add(new TokenLogProb(result.logProbs()[i][0], (int) result.argmax()[i],
                            result.topLogProbs()[i]));
                }
                out.add(List.copyOf(row));
            }
        }
        return out;
    }
}
