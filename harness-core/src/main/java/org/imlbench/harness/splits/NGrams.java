package org.imlbench.harness.splits;

import java.util.Locale;

/**
 * Word 13-grams of a text as 64-bit hashes: the unit of the leakage guard's overlap test (as in GPT-3's and
 * OPT-IML's decontamination). Words are maximal runs of letters and digits, lower-cased; each n-gram is hashed by
 * combining its words' hashes, so no n-gram string is ever built.
 */
final class NGrams {
    /** The n-gram length in words. */
    static final int N = 13;

    private NGrams() {
    }

    /**
     * @param text any text
     * @return the hashes of its word n-grams (with repeats), empty when it has fewer than {@value #N} words
     */
    static long[] hashes(String text) {
        long[] words = wordHashes(text);
        if (words.length < N) {
            return new long[0];
        }
        long[] out = new long[words.length - N + 1];
        for (int start = 0; start < out.length; start++) {
            long h = 0x84222325CBF29CE4L;
            for (int i = start; i < start + N; i++) {
                h = (h ^ words[i]) * 0x100000001B3L;
                h ^= h >>> 29;
            }
            out[start] = h;
        }
        return out;
    }

    private static long[] wordHashes(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        long[] hashes = new long[16];
        int count = 0;
        int i = 0;
        int length = lower.length();
        while (i < length) {
            while (i < length && !Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
            }
            if (i >= length) {
                break;
            }
            long h = 0xCBF29CE484222325L;
            while (i < length && Character.isLetterOrDigit(lower.charAt(i))) {
                h = (h ^ lower.charAt(i)) * 0x100000001B3L;
                i++;
            }
            if (count == hashes.length) {
                hashes = java.util.Arrays.copyOf(hashes, count * 2);
            }
            hashes[count++] = h ^ (h >>> 31);
        }
        return java.util.Arrays.copyOf(hashes, count);
    }
}
