package org.imlbench.djl.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * The endless, seeded sequence of training windows: examples in mixture order, each window filled greedily with
 * whole examples up to {@code maxSeqLen} tokens (packed) or holding exactly one example (unpacked). An example that
 * does not fit the rest of a window starts the next one, so no example is ever split; examples longer than the
 * window were already shortened from the left of their source (see {@link EncodedExample#truncatedTo}).
 *
 * <p>The sequence depends only on the examples, the window, the packing mode and the sampler's seed, so a resumed run
 * rebuilds its position by replaying {@link #skip} and gets exactly the windows an uninterrupted run would.
 */
public final class WindowStream {
    private final List<EncodedExample> pool;
    private final MixtureSampler sampler;
    private final int maxSeqLen;
    private final boolean packing;
    private EncodedExample pending;
    private long windows;

    /**
     * @param pool the examples, each already fitting {@code maxSeqLen}
     * @param sampler chooses the next example index of {@code pool}
     * @param maxSeqLen the window
     * @param packing whether several examples share a window
     */
    public WindowStream(List<EncodedExample> pool, MixtureSampler sampler, int maxSeqLen, boolean packing) {
        for (EncodedExample e : pool) {
            if (e.length() > maxSeqLen) {
                throw new IllegalArgumentException(e + " is longer than the window of " + maxSeqLen);
            }
        }
        this.pool = List.copyOf(pool);
        this.sampler = sampler;
        this.maxSeqLen = maxSeqLen;
        this.packing = packing;
    }

    /** @return the examples of the next window, in order */
    public List<EncodedExample> next() {
        List<EncodedExample> window = new ArrayList<>();
        int used = 0;
        while (true) {
            EncodedExample e = pending != null ? pending : pool.get(sampler.next());
            pending = null;
            if (!window.isEmpty() && (!packing || used + e.length() > maxSeqLen)) {
                pending = e;
                break;
            }
            window.add(e);
            used += e.length();
            if (!packing || used == maxSeqLen) {
                break;
            }
        }
        windows++;
        return window;
    }

    /**
     * @param n how many windows
     * @return the next n windows
     */
    public List<List<EncodedExample>> next(int n) {
        List<List<EncodedExample>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /**
     * Advances past windows without keeping them (to resume a run).
     *
     * @param n how many windows
     */
    public void skip(long n) {
        for (long i = 0; i < n; i++) {
            next();
        }
    }

    /** @return the position: windows produced and examples drawn so far */
    public DataPosition position() {
        return new DataPosition(windows, sampler.draws());
    }

    /**
     * Where a run is in its data.
     *
     * @param windows windows produced
     * @param draws examples drawn from the mixture (one may be waiting for the next window)
     */
    public record DataPosition(long windows, long draws) {
    }
}
