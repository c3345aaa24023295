package org.imlbench.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * The keys and values of the tokens a model has already seen, per layer, so that later tokens cost only their own
 * computation. Keys are kept transposed ({@code [B, heads, headDim, S]}) so attention multiplies by them directly;
 * values are {@code [B, heads, S, headDim]}. Owns its arrays in its own {@link NDManager}.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keysT;
    private final NDArray[] values;
    private int length;

    /**
     * An empty cache for a model.
     *
     * @param model the model whose layers it caches
     */
    public KvCache(OptModel model) {
        this(model.manager().newSubManager(), model.config().numLayers());
    }

    private KvCache(NDManager manager, int layers) {
        this.manager = manager;
        this.keysT = new NDArray[layers];
        this.values = new NDArray[layers];
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
        KvCache out = new KvCache(manager.getParentManager().newSubManager(), keysT.length);
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
