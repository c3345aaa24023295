package org.imlbench.tuningdata;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imlbench.api.TuningConfig;

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
    /**
     * Draws in a row that may be left out for not fitting the window before the stream gives up: far more than any
     * realistic mix of long and short examples needs, few enough to fail fast when hardly anything fits.
     */
    private static final int MAX_CONSECUTIVE_MISFITS = 10_000;

    private final TrainingPool pool;
    private final MixtureSampler sampler;
    private final boolean packing;
    private EncodedExample pending;
    private long windows;

    /**
     * @param pool the examples, fitted to the window when drawn
     * @param sampler chooses the next example of {@code pool}; built from {@code pool.tasks()}
     * @param packing whether several examples share a window
     */
    public WindowStream(TrainingPool pool, MixtureSampler sampler, boolean packing) {
        this.pool = pool;
        this.sampler = sampler;
        this.packing = packing;
    }

    /**
     * The stream a recipe trains on: the mixture seeded with the recipe's seed, capped per task and shared among
     * sources as the recipe says, packed or not. Every tuner builds its stream here, so that all of them see the same
     * windows for the same recipe and examples.
     *
     * @param pool the examples, fitted to the recipe's window
     * @param config the recipe
     * @return the stream at its start
     * @throws IllegalArgumentException when the mixture has nothing to draw from
     */
    public static WindowStream of(TrainingPool pool, TuningConfig config) {
        return new WindowStream(pool, new MixtureSampler(pool.tasks(), config.perTaskCap(),
                config.sourceProportions(), config.seed()), config.packing());
    }

    /**
     * @return the examples of the next window, in order
     * @throws IOException when the examples cannot be read, or when thousands of draws in a row do not fit the window
     */
    public List<EncodedExample> next() throws IOException {
        int maxSeqLen = pool.maxSeqLen();
        List<EncodedExample> window = new ArrayList<>();
        int used = 0;
        while (true) {
            EncodedExample e = pending != null ? pending : draw();
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

    private EncodedExample draw() throws IOException {
        for (int misfits = 0; misfits < MAX_CONSECUTIVE_MISFITS; misfits++) {
            MixtureSampler.Draw draw = sampler.next();
            Optional<EncodedExample> e = pool.get(draw.task(), draw.index());
            if (e.isPresent()) {
                return e.get();
            }
        }
        throw new IOException(MAX_CONSECUTIVE_MISFITS + " training examples in a row have targets longer than the "
                + "window of " + pool.maxSeqLen() + " tokens; raise --max-seq-len (the model allows up to its "
                + "max_position_embeddings)");
    }

    /**
     * @param n how many windows
     * @return the next n windows
     * @throws IOException when the examples cannot be read
     */
    public List<List<EncodedExample>> next(int n) throws IOException {
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
     * @throws IOException when the examples cannot be read
     */
    public void skip(long n) throws IOException {
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
