package org.imlbench.harness.splits;

import java.util.Arrays;

/**
 * A compact multimap from 64-bit hashes to int values, built once from all its entries: 12 bytes per entry plus a
 * bucket table and a 2-byte-per-entry filter, no boxing, no per-entry objects. Entries are placed by a counting sort on
 * the top bits of their (re-mixed) hash, so a lookup reads one short, contiguous bucket; most lookups of absent keys
 * (the common case: a training 13-gram that no evaluation instance has) stop at one bit of the filter, which is small
 * enough to stay in the processor's cache.
 */
final class HashIndex {
    private final long[] filter;
    private final int filterMask;
    private final int shift;
    private final int[] starts;
    private final long[] keys;
    private final int[] values;

    /**
     * @param keys the hashes (the array is not kept)
     * @param values the value of each entry (the array is not kept)
     * @param size how many entries the arrays hold
     */
    HashIndex(long[] keys, int[] values, int size) {
        int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, size - 1)));
        this.shift = 64 - bits;
        int buckets = 1 << bits;
        this.starts = new int[buckets + 1];
        for (int i = 0; i < size; i++) {
            starts[bucket(keys[i]) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            starts[b + 1] += starts[b];
        }
        this.keys = new long[size];
        this.values = new int[size];
        int[] fill = Arrays.copyOf(starts, buckets);
        for (int i = 0; i < size; i++) {
            int at = fill[bucket(keys[i])]++;
            this.keys[at] = keys[i];
            this.values[at] = values[i];
        }
        int filterBits = Math.max(64, Integer.highestOneBit(Math.max(1, size)) << 4);
        this.filter = new long[filterBits / 64];
        this.filterMask = filterBits - 1;
        for (int i = 0; i < size; i++) {
            int bit = filterBit(keys[i]);
            filter[bit >>> 6] |= 1L << bit;
        }
    }

    private int filterBit(long key) {
        return (int) (key ^ key >>> 32) & filterMask;
    }

    private int bucket(long key) {
        long z = key * 0x9E3779B97F4A7C15L;
        return (int) ((z ^ (z >>> 31)) >>> shift);
    }

    /** Receives the values of a key. */
    @FunctionalInterface
    interface Values {
        /** @param value one value stored under the key */
        void value(int value);
    }

    /**
     * @param key a hash
     * @param out receives every value stored under it
     */
    void forEach(long key, Values out) {
        if (mayContain(key)) {
            forEachUnfiltered(key, out);
        }
    }

    /**
     * @param key a hash
     * @return false when no value is stored under it; true when one may be
     */
    boolean mayContain(long key) {
        int bit = filterBit(key);
        return (filter[bit >>> 6] & 1L << bit) != 0;
    }

    /**
     * {@link #forEach} without asking the filter first (for callers that asked it themselves).
     *
     * @param key a hash
     * @param out receives every value stored under it
     */
    void forEachUnfiltered(long key, Values out) {
        int b = bucket(key);
        for (int i = starts[b], end = starts[b + 1]; i < end; i++) {
            if (keys[i] == key) {
                out.value(values[i]);
            }
        }
    }
}
