package org.imlbench.harness.splits;

import java.util.Arrays;
import java.util.Locale;
import org.imlbench.api.Instance;

/**
 * Word 13-grams of an instance's text (its input and references) as 64-bit hashes: the unit of the leakage guard's
 * overlap test (as in GPT-3's and OPT-IML's decontamination). Words are maximal runs of letters and digits of the
 * lower-cased text; each n-gram's hash is a polynomial of its words' hashes, rolled from one n-gram to the next, so no
 * n-gram string is ever built and each word costs the same whatever {@value #N} is.
 */
final class NGrams {
    /** The n-gram length in words. */
    static final int N = 13;
    private static final long[] NONE = {};
    private static final long P = 0x9E3779B97F4A7C15L;
    /** P to the power N - 1: the weight of the word that leaves the window. */
    private static final long P_LAST;

    static {
        long p = 1;
        for (int i = 1; i < N; i++) {
            p *= P;
        }
        P_LAST = p;
    }

    /** For each ASCII character: itself lower-cased when it is a letter or digit, else -1. */
    private static final int[] ASCII = new int[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII[c] = Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : -1;
        }
    }

    private NGrams() {
    }

    /**
     * @param instance an instance
     * @return the hashes of the word n-grams of its input and references (with repeats; no n-gram spans two of
     *         them), empty when they have fewer than {@value #N} words
     */
    static long[] hashes(Instance instance) {
        Words words = new Words();
        words.add(instance.input());
        for (String reference : instance.references()) {
            words.add(reference);
        }
        int n = words.size;
        if (n < N) {
            return NONE;
        }
        long[] w = words.hashes;
        long[] out = new long[n - N + 1];
        long h = 0;
        for (int i = 0; i < N; i++) {
            h = h * P + w[i];
        }
        out[0] = finish(h);
        for (int start = 1; start < out.length; start++) {
            h = (h - w[start - 1] * P_LAST) * P + w[start + N - 1];
            out[start] = finish(h);
        }
        return out;
    }

    private static long finish(long h) {
        long z = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        return z ^ (z >>> 29);
    }

    /** The hashes of the words of some texts, in order. */
    private static final class Words {
        long[] hashes = new long[32];
        int size;

        /** Adds a text's words: lower-cased as {@code toLowerCase(Locale.ROOT)} would, char by char when it can. */
        void add(String text) {
            if (!latin1(text)) {
                // beyond Latin-1 lower-casing can change lengths and depend on context (final sigma): do it whole
                scan(text.toLowerCase(Locale.ROOT), false);
            } else {
                scan(text, true);
            }
        }

        private static boolean latin1(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 0xFF) {
                    return false;
                }
            }
            return true;
        }

        private void scan(String text, boolean lowerEachChar) {
            int i = 0;
            int length = text.length();
            while (i < length) {
                while (i < length && word(text.charAt(i), lowerEachChar) < 0) {
                    i++;
                }
                if (i >= length) {
                    break;
                }
                // four characters per multiplication: a word's hash is a chain of few dependent steps
                long h = 0xCBF29CE484222325L;
                long block = 0;
                int shift = 0;
                int start = i;
                int c;
                while (i < length && (c = word(text.charAt(i), lowerEachChar)) >= 0) {
                    block |= (long) c << shift;
                    shift += 16;
                    if (shift == 64) {
                        h = (h ^ block) * 0x9E3779B97F4A7C15L;
                        h ^= h >>> 29;
                        block = 0;
                        shift = 0;
                    }
                    i++;
                }
                h = (h ^ block ^ (long) (i - start) << 56) * 0x9E3779B97F4A7C15L;
                if (size == hashes.length) {
                    hashes = Arrays.copyOf(hashes, size * 2);
                }
                hashes[size++] = h ^ (h >>> 31);
            }
        }

        /** @return the character lower-cased when it is part of a word (a letter or digit), else -1 */
        private static int word(char c, boolean lower) {
            if (c < 0x80) {
                return ASCII[c];
            }
            if (!Character.isLetterOrDigit(c)) {
                return -1;
            }
            return lower ? Character.toLowerCase(c) : c;
        }
    }
}
