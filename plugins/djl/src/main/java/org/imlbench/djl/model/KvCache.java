package org.imlbench.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The keys and values of the tokens a model has already seen, per layer, so that later tokens cost only their own
 * computation. Keys are kept transposed ({@code [B, heads, headDim, S]}) so attention multiplies by them directly;
 * values are {@code [B, heads, S, headDim]}. Owns its arrays in its own {@link NDManager}.
 *
 * <p>With a capacity, each layer's arrays are allocated once at full length and new columns are written in place,
 * so a step costs only its own tokens; attention reads a view of the filled prefix. Without one, the arrays grow by
 * concatenation, which copies the whole cache on every append.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keysT;
    private final NDArray[] values;
    private final int capacity;
    private int length;

    /**
     * An empty cache for a model that grows as needed.
     *
     * @param model the model whose layers it caches
     */
    public KvCache(OptModel model) {
        this(model, 0);
    }

    /**
     * An empty cache with room for {@code capacity} tokens per row, written in place.
     *
     * @param model the model whose layers it caches
     * @param capacity the most tokens (padding included) it will hold per row; 0 to grow as needed
     */
    public KvCache(OptModel model, int capacity) {
        this(model.manager().newSubManager(), model.config().numLayers(), capacity);
    }

    private KvCache(NDManager manager, int layers, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0: " + capacity);
        }
        this.manager = manager;
        this.keysT = new NDArray[layers];
        this.values = new NDArray[layers];
        this.capacity = capacity;
    }

    /** @return how many tokens (key columns, padding included) are cached per row */
    public int length() {
        return length;
    }

    /** @return the number of rows, or 0 while empty */
    public long batchSize() {
        return keysT[0] == null ? 0 : keysT[0].getShape().get(0);
    }

    /**
     * Appends one layer's new keys and values and returns the whole cached keys and values of that layer.
     *
     * @param layer the layer
     * @param newKeysT {@code [B, heads, headDim, T]}
     * @param newValues {@code [B, heads, T, headDim]}
     * @return {@code {keysT, values}} covering the past and the new tokens, owned by this cache
     */
    NDArray[] append(int layer, NDArray newKeysT, NDArray newValues) {
        if (capacity > 0) {
            return write(layer, newKeysT, newValues);
        }
        if (keysT[layer] == null) {
            newKeysT.attach(manager);
            newValues.attach(manager);
            keysT[layer] = newKeysT;
            values[layer] = newValues;
        } else {
            NDArray k = keysT[layer].concat(newKeysT, 3);
            NDArray v = values[layer].concat(newValues, 2);
            k.attach(manager);
            v.attach(manager);
            keysT[layer].close();
            values[layer].close();
            keysT[layer] = k;
            values[layer] = v;
        }
        return new NDArray[] {keysT[layer], values[layer]};
    }

    private NDArray[] write(int layer, NDArray newKeysT, NDArray newValues) {
        Shape k = newKeysT.getShape();
        long t = k.get(3);
        if (length + t > capacity) {
            throw new IllegalStateException("key/value cache of " + capacity + " tokens cannot take " + t
                    + " more after " + length);
        }
        if (keysT[layer] == null) {
            keysT[layer] = manager.zeros(new Shape(k.get(0), k.get(1), k.get(2), capacity), newKeysT.getDataType());
            values[layer] = manager.zeros(new Shape(k.get(0), k.get(1), capacity, k.get(2)), newValues.getDataType());
        }
        long end = length + t;
        keysT[layer].set(new NDIndex(":, :, :, {}:{}", length, end), newKeysT);
        values[layer].set(new NDIndex(":, :, {}:{}, :", length, end), newValues);
        // views of the filled prefix, owned by the caller's scope so they are freed with the forward pass
        NDArray kView = keysT[layer].get(new NDIndex(":, :, :, 0:{}", end));
        NDArray vView = values[layer].get(new NDIndex(":, :, 0:{}, :", end));
        kView.attach(newKeysT.getManager());
        vView.attach(newKeysT.getManager());
        return new NDArray[] {kView, vView};
    }

    /** Records that every layer has appended {@code tokens} more columns. */
    void commit(int tokens) {
        length += tokens;
    }

    /**
     * A new cache holding the given rows of this one (rows may repeat), e.g. to drop finished generations.
     *
     * @param rows row indices into this cache
     * @return the new cache; this one is unchanged
     */
    public KvCache select(long[] rows) {
        KvCache out = new KvCache(manager.getParentManager().newSubManager(), keysT.length, capacity);
        out.length = length;
        try (NDManager scope = manager.newSubManager()) {
            NDArray index = scope.create(rows);
            for (int i = 0; i < keysT.length; i++) {
                if (keysT[i] == null) {
                    continue;
                }
                NDArray k = keysT[i].get(new NDIndex("{}", index));
                NDArray v = values[i].get(new NDIndex("{}", index));
                k.attach(out.manager);
                v.attach(out.manager);
                out.keysT[i] = k;
                out.values[i] = v;
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
