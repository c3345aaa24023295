package org.imlbench.djl.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter) written with in-place NDArray operations, as PyTorch's {@code torch.optim.AdamW}
 * computes it: decoupled weight decay {@code p *= 1 - lr * wd}, then {@code m = b1 m + (1 - b1) g},
 * {@code v = b2 v + (1 - b2) g^2}, {@code p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}. The moments
 * are float32 arrays beside the (float32 master) parameters. Biases and LayerNorm parameters are not decayed.
 */
public final class AdamW implements AutoCloseable {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Map<String, NDArray> exp = new LinkedHashMap<>();
    private final Map<String, NDArray> expSq = new LinkedHashMap<>();
    private int updates;

    /**
     * @param parameters the float32 parameters it will update, by name (moments are created beside them, zeroed)
     * @param beta1 the first-moment decay
     * @param beta2 the second-moment decay
     * @param epsilon added to the denominator
     * @param weightDecay the decoupled weight decay
     */
    public AdamW(Map<String, NDArray> parameters, double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray p = e.getValue();
            if (p.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("AdamW updates float32 parameters; " + e.getKey() + " is "
                        + p.getDataType());
            }
            exp.put(e.getKey(), p.zerosLike());
            expSq.put(e.getKey(), p.zerosLike());
        }
    }

    /**
     * @param name a canonical parameter name
     * @return whether weight decay applies: not to biases nor to LayerNorm weights
     */
    public static boolean decays(String name) {
        return !(name.endsWith(".bias") || name.contains("layer_norm"));
    }

    /**
     * Applies one update. Call with gradient recording off.
     *
     * @param parameters the float32 parameters, updated in place
     * @param gradients their float32 gradients, already averaged and clipped
     * @param learningRate this step's rate
     */
    public void step(Map<String, NDArray> parameters, Map<String, NDArray> gradients, double learningRate) {
        updates++;
        double correction1 = 1 - Math.pow(beta1, updates);
        double correction2 = Math.sqrt(1 - Math.pow(beta2, updates));
        // lr / c1 * m / (sqrt(v) / c2 + eps) = m / ((sqrt(v) + eps * c2) * c1 / (lr * c2)): one pass fewer
        double shiftedEpsilon = epsilon * correction2;
        double denominatorScale = correction1 / (learningRate * correction2);
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray g = gradients.get(name);
            NDArray m = exp.get(name);
            NDArray v = expSq.get(name);
            if (g == null || m == null) {
                throw new IllegalStateException("no gradient or moment for parameter " + name);
            }
            // one scope per parameter keeps at most a few parameter-sized temporaries alive at a time
            try (NDScope scope = new NDScope()) {
                if (weightDecay != 0 && decays(name)) {
                    p.muli(1 - learningRate * weightDecay);
                }
                // m = b1 m + (1 - b1) g = b1 (m - g) + g, and likewise v: in place, no gradient-sized temporary
                m.subi(g).muli(beta1).addi(g);
                NDArray squared = g.square();
                v.subi(squared).muli(beta2).addi(squared);
                squared.close();
                if (learningRate == 0) {
                    continue;                                    // moments advance, weights stay
                }
                NDArray denominator = v.sqrt().addi(shiftedEpsilon).muli(denominatorScale);
                p.subi(m.div(denominator));
            }
        }
    }

    /** @return updates applied so far (Adam's t) */
    public int updates() {
        return updates;
    }

    /** @return the first moments by parameter name (live arrays) */
    public Map<String, NDArray> firstMoments() {
        return exp;
    }

    /** @return the second moments by parameter name (live arrays) */
    public Map<String, NDArray> secondMoments() {
        return expSq;
    }

    /**
     * Continues from saved state.
     *
     * @param updates Adam's t
     * @param first first moments by name, copied into the live arrays
     * @param second second moments by name, copied into the live arrays
     */
    public void restore(int updates, Map<String, float[]> first, Map<String, float[]> second) {
        this.updates = updates;
        copyInto(exp, first);
        copyInto(expSq, second);
    }

    private static void copyInto(Map<String, NDArray> live, Map<String, float[]> saved) {
        for (Map.Entry<String, NDArray> e : live.entrySet()) {
            float[] values = saved.get(e.getKey());
            if (values == null || values.length != e.getValue().size()) {
                throw new IllegalArgumentException("saved optimizer state has no or a misshapen entry for "
                        + e.getKey());
            }
            MasterWeights.overwrite(e.getValue(), values);
        }
    }

    @Override
    public void close() {
        exp.values().forEach(NDArray::close);
        expSq.values().forEach(NDArray::close);
    }
}
