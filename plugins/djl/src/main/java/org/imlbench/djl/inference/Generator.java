package org.imlbench.djl.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import org.imlbench.api.GenerateResult;
import org.imlbench.djl.model.AttentionMasks;
import org.imlbench.djl.model.ForwardMode;
import org.imlbench.djl.model.IntraOpThreads;
import org.imlbench.djl.model.KvCache;
import org.imlbench.djl.model.OptModel;
import org.imlbench.djl.model.Positions;
import org.imlbench.hf.tokenizer.Tokenizer;

/**
 * Greedy generation, batched with left padding. With the key/value cache each step feeds one token per row; rows
 * that finish are dropped from the batch (and from the cache) so the rest run faster. Without the cache every step
 * recomputes the whole sequence: slow, kept as the reference the cached path is tested against.
 */
public final class Generator {
    private final OptModel model;
    private final Tokenizer tokenizer;
    private final int batchSize;
    private final boolean useCache;
    private final int decodeThreads;

    /**
     * A generator whose one-token steps choose between one intra-op thread and the engine's setting, whichever is
     * faster at the moment (see {@link AdaptiveThreads}).
     *
     * @param model the model
     * @param tokenizer decodes generated ids for stop sequences
     * @param batchSize prompts per batch
     * @param useCache whether to use the key/value cache (always, except to test it)
     */
    public Generator(OptModel model, Tokenizer tokenizer, int batchSize, boolean useCache) {
        this(model, tokenizer, batchSize, useCache, 0);
    }

    /**
     * @param model the model
     * @param tokenizer decodes generated ids for stop sequences
     * @param batchSize prompts per batch
     * @param useCache whether to use the key/value cache (always, except to test it)
     * @param decodeThreads intra-op threads for cached one-token steps; 0 chooses between one and the engine's
     *                      setting by timing both
     */
    public Generator(OptModel model, Tokenizer tokenizer, int batchSize, boolean useCache, int decodeThreads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.batchSize = batchSize;
        this.useCache = useCache;
        this.decodeThreads = decodeThreads;
    }

    /**
     * @param prompts the work
     * @param progress told the index of each prompt as it finishes
     * @return one result per prompt, in order
     */
    public List<GenerateResult.Generated> generate(List<GenerationPrompt> prompts, IntConsumer progress) {
        Integer[] order = new Integer[prompts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -prompts.get(i).ids().length).thenComparing(i -> i));
        GenerateResult.Generated[] results = new GenerateResult.Generated[prompts.size()];
        for (int from = 0; from < order.length; from += batchSize) {
            List<Integer> batch = Arrays.asList(order).subList(from, Math.min(order.length, from + batchSize));
            List<Row> rows = new ArrayList<>();
            for (int index : batch) {
                rows.add(new Row(index, fit(prompts.get(index))));
            }
            run(rows, progress);
            for (Row row : rows) {
                results[row.index] = row.result;
            }
        }
        return List.of(results);
    }

    /** Keeps prompt plus new tokens within the learned positions, dropping the prompt's oldest tokens. */
    private GenerationPrompt fit(GenerationPrompt p) {
        int limit = model.config().maxPositions();
        int maxNew = Math.min(p.maxNewTokens(), limit - 1);
        int keep = Math.min(p.ids().length, limit - maxNew);
        int[] ids = Arrays.copyOfRange(p.ids(), p.ids().length - keep, p.ids().length);
        return new GenerationPrompt(ids, maxNew, p.stopSequences());
    }

    private void run(List<Row> rows, IntConsumer finished) {
        int width = rows.stream().mapToInt(r -> r.prompt.ids().length).max().orElse(0);
        List<Row> active = new ArrayList<>(rows);
        for (Row row : rows) {
            row.mask = new int[width];
            row.tokens = new long[width];
            int pad = width - row.prompt.ids().length;
            Arrays.fill(row.tokens, 0, pad, tokenizer.padId());
            for (int j = 0; j < row.prompt.ids().length; j++) {
                row.tokens[pad + j] = row.prompt.ids()[j];
                row.mask[pad + j] = 1;
            }
        }
        int maxNew = rows.stream().mapToInt(r -> r.prompt.maxNewTokens()).max().orElse(0);
        KvCache cache = useCache ? new KvCache(model, width + maxNew) : null;
        AdaptiveThreads adaptive = new AdaptiveThreads(1, IntraOpThreads.current());
        try {
            long[] next = step(active, cache, width, true, adaptive);
            while (true) {
                List<Row> still = new ArrayList<>();
                long[] keepRows = new long[active.size()];
                int kept = 0;
                for (int i = 0; i < active.size(); i++) {
                    Row row = active.get(i);
                    if (row.accept((int) next[i], tokenizer)) {
                        finished.accept(row.index);
                    } else {
                        still.add(row);
                        keepRows[kept++] = i;
                    }
                }
                if (still.isEmpty()) {
                    return;
                }
                if (cache != null && still.size() < active.size()) {
                    KvCache smaller = cache.select(Arrays.copyOf(keepRows, kept));
                    cache.close();
                    cache = smaller;
                }
                active = still;
                for (Row row : active) {
                    row.append(row.generated.get(row.generated.size() - 1));
                }
                next = step(active, cache, active.get(0).mask.length, false, adaptive);
            }
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
    }


    /** Runs the model on the rows' new tokens (all tokens when uncached) and returns each row's argmax. */
    private long[] step(List<Row> rows, KvCache cache, int width, boolean first, AdaptiveThreads adaptive) {
        int n = rows.size();
        int t = cache == null || first ? width : 1;
        int threads = t != 1 ? 0 : decodeThreads > 0 ? decodeThreads : adaptive.next();
        long start = System.nanoTime();
        try (NDManager scope = model.manager().newSubManager();
             IntraOpThreads scoped = IntraOpThreads.use(threads)) {
            long[] ids = new long[n * t];
            int[][] mask = new int[n][];
            long[][] positions = new long[n][];
            for (int r = 0; r < n; r++) {
                Row row = rows.get(r);
                System.arraycopy(row.tokens, width - t, ids, r * t, t);
                mask[r] = row.mask;
                positions[r] = Positions.tail(Positions.fromMask(new int[][] {row.mask}), t)[0];
            }
            NDArray hidden = model.hidden(scope, scope.create(ids, new Shape(n, t)),
                    Positions.toArray(scope, positions), AttentionMasks.causal(scope, mask, t), cache,
                    ForwardMode.INFERENCE);
            long[] next = model.logits(hidden.get(":, -1, :")).argMax(-1).toLongArray();
            if (t == 1 && decodeThreads <= 0) {
                adaptive.record(threads, System.nanoTime() - start);
            }
            return next;
        }
    }

    /** One prompt's state while it generates. */
    private static final class Row {
        private final int index;
        private final GenerationPrompt prompt;
        private final List<Integer> generated = new ArrayList<>();
        private int[] mask;
        private long[] tokens;
        private GenerateResult.Generated result;

        Row(int index, GenerationPrompt prompt) {
            this.index = index;
            this.prompt = prompt;
        }

        /** Takes the next token; returns true when generation of this row is over. */
        boolean accept(int token, Tokenizer tokenizer) {
            if (token == tokenizer.eosId()) {
                result = new GenerateResult.Generated(tokenizer.decode(generated), generated,
                        GenerateResult.StopReason.END_OF_SEQUENCE);
                return true;
            }
            generated.add(token);
            if (!prompt.stopSequences().isEmpty()) {
                String text = tokenizer.decode(generated);
                int cut = -1;
                for (String stop : prompt.stopSequences()) {
                    int at = text.indexOf(stop);
                    if (at >= 0 && (cut < 0 || at < cut)) {
                        cut = at;
                    }
                }
                if (cut >= 0) {
                    result = new GenerateResult.Generated(text.substring(0, cut), generated,
                            GenerateResult.StopReason.STOP_SEQUENCE);
                    return true;
                }
            }
            if (generated.size() >= prompt.maxNewTokens()) {
                result = new GenerateResult.Generated(tokenizer.decode(generated), generated,
                        GenerateResult.StopReason.MAX_NEW_TOKENS);
                return true;
            }
            return false;
        }

        void append(int token) {
            tokens = Arrays.copyOf(tokens, tokens.length + 1);
            tokens[tokens.length - 1] = token;
            mask = Arrays.copyOf(mask, mask.length + 1);
            mask[mask.length - 1] = 1;
        }
    }
}
