package org.imlbench.templates.jinja;

import java.util.List;

/**
 * CPython's {@code random.Random}: the MT19937 generator seeded as {@code random.seed(n)} seeds it for a
 * non-negative integer, and {@code choice} drawing as CPython does. PromptSource's {@code choice} filter draws with
 * it, seeded per instance, so that a template with a random part renders the same on every run (and the same as
 * Python seeded alike).
 */
public final class PythonRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index = N + 1;

    /** @param seed the seed, as given to Python's {@code random.seed} (its absolute value is used, as Python does) */
    public PythonRandom(long seed) {
        long a = Math.abs(seed);
        int[] key = (a >>> 32) == 0 ? new int[] {(int) a} : new int[] {(int) a, (int) (a >>> 32)};
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    private int next32() {
        if (index >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** CPython's {@code _randbelow_with_getrandbits} for n below 2^31. */
    private int below(int n) {
        int bits = 32 - Integer.numberOfLeadingZeros(n);
        long r = Integer.toUnsignedLong(next32()) >>> (32 - bits);
        while (r >= n) {
            r = Integer.toUnsignedLong(next32()) >>> (32 - bits);
        }
        return (int) r;
    }

    /**
     * @param items a non-empty sequence
     * @param <T> its type
     * @return Python's {@code random.choice(items)}
     */
    public <T> T choice(List<T> items) {
        if (items.isEmpty()) {
            throw new PyException("Cannot choose from an empty sequence");
        }
        return items.get(below(items.size()));
    }
}
