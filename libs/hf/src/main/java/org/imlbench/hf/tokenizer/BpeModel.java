package org.imlbench.hf.tokenizer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-pair encoding over token ids: a word (already mapped to byte-level characters) starts as one symbol per
 * character and the adjacent pair with the lowest merge rank is merged until no pair has a rank. Results are cached
 * per word in a bounded, thread-safe cache owned by this instance.
 */
final class BpeModel {
    private static final int CACHE_LIMIT = 50_000;

    private final Map<String, Integer> vocab;
    /** (left id << 32 | right id) to (rank << 32 | merged id). */
    private final Map<Long, Long> merges;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param vocab token string to id
     * @param mergePairs merges in rank order, each a left and right token string; pairs whose parts or product are
     *                   not in the vocabulary can never apply and are ignored
     */
    BpeModel(Map<String, Integer> vocab, List<String[]> mergePairs) {
        this.vocab = vocab;
        this.merges = new HashMap<>(mergePairs.size() * 2);
        for (int rank = 0; rank < mergePairs.size(); rank++) {
            String[] pair = mergePairs.get(rank);
            Integer left = vocab.get(pair[0]);
            Integer right = vocab.get(pair[1]);
            Integer merged = vocab.get(pair[0] + pair[1]);
            if (left != null && right != null && merged != null) {
                merges.putIfAbsent(key(left, right), ((long) rank << 32) | merged);
            }
        }
    }

    /**
     * @param word a pre-token in byte-level characters
     * @return its token ids
     * @throws IllegalArgumentException when a character has no token (the vocabulary lacks a byte)
     */
    int[] encode(String word) {
        int[] cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        int[] ids = merge(word);
        if (cache.size() >= CACHE_LIMIT) {
            // bounded memory: dropping everything is cheap and keeps the cache useful for the current text
            cache.clear();
        }
        cache.put(word, ids);
        return ids;
    }

    private int[] merge(String word) {
        int n = word.length();
        int[] symbols = new int[n];
        for (int i = 0; i < n; i++) {
            Integer id = vocab.get(String.valueOf(word.charAt(i)));
            if (id == null) {
                throw new IllegalArgumentException("the vocabulary has no token for '" + word.charAt(i) + "'");
            }
            symbols[i] = id;
        }
        while (n > 1) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i + 1 < n; i++) {
                Long m = merges.get(key(symbols[i], symbols[i + 1]));
                if (m != null && m < best) {
                    best = m;
                }
            }
            if (best == Long.MAX_VALUE) {
                break;
            }
            int bestRank = (int) (best >>> 32);
            int mergedId = (int) best;
            // merge every occurrence of the best pair, left to right, as GPT-2's reference implementation does
            int out = 0;
            for (int i = 0; i < n; i++) {
                if (i + 1 < n) {
                    Long m = merges.get(key(symbols[i], symbols[i + 1]));
                    if (m != null && (int) (m >>> 32) == bestRank) {
                        symbols[out++] = mergedId;
                        i++;
                        continue;
                    }
                }
                symbols[out++] = symbols[i];
            }
            n = out;
        }
        return Arrays.copyOf(symbols, n);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xffffffffL);
    }
}
