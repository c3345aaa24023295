package org.imlbench.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.hf.checkpoint.OptParameterNames;

/**
 * The parameters arranged for the forward pass: direct references to the arrays of {@link OptModel#parameters()}
 * (never copies, so training updates are seen at once). A LayerNorm without elementwise affine gets constant ones
 * and zeros that are not parameters.
 */
record OptWeights(NDArray embedTokens, NDArray embedPositions, NDArray projectIn, NDArray projectOut,
                  Norm finalNorm, Layer[] layers) {

    /** A LayerNorm's weight and bias. */
    record Norm(NDArray weight, NDArray bias) {
    }

    /** One decoder layer. Biases are null when the config disables them. */
    record Layer(NDArray qW, NDArray qB, NDArray kW, NDArray kB, NDArray vW, NDArray vB, NDArray oW, NDArray oB,
                 Norm attnNorm, NDArray fc1W, NDArray fc1B, NDArray fc2W, NDArray fc2B, Norm ffnNorm) {
    }

    static OptWeights bind(OptConfig c, Map<String, NDArray> p, NDManager manager, DataType dtype) {
        Norm constant = c.layerNormElementwiseAffine() ? null
                : new Norm(manager.ones(new Shape(c.hiddenSize()), dtype),
                        manager.zeros(new Shape(c.hiddenSize()), dtype));
        Layer[] layers = new Layer[c.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            String a = "self_attn.";
            layers[i] = new Layer(
                    w(p, i, a + "q_proj"), b(p, i, a + "q_proj"), w(p, i, a + "k_proj"), b(p, i, a + "k_proj"),
                    w(p, i, a + "v_proj"), b(p, i, a + "v_proj"), w(p, i, a + "out_proj"), b(p, i, a + "out_proj"),
                    norm(p, OptParameterNames.layer(i, "self_attn_layer_norm"), constant),
                    w(p, i, "fc1"), b(p, i, "fc1"), w(p, i, "fc2"), b(p, i, "fc2"),
                    norm(p, OptParameterNames.layer(i, "final_layer_norm"), constant));
        }
        return new OptWeights(p.get(OptParameterNames.EMBED_TOKENS), p.get(OptParameterNames.EMBED_POSITIONS),
                p.get(OptParameterNames.PROJECT_IN), p.get(OptParameterNames.PROJECT_OUT),
                OptParameterNames.hasFinalLayerNorm(c) ? norm(p, OptParameterNames.FINAL_LN, constant) : null,
                layers);
    }

    private static NDArray w(Map<String, NDArray> p, int layer, String module) {
        return p.get(OptParameterNames.layer(layer, module + ".weight"));
    }

    private static NDArray b(Map<String, NDArray> p, int layer, String module) {
        return p.get(OptParameterNames.layer(layer, module + ".bias"));
    }

    private static Norm norm(Map<String, NDArray> p, String prefix, Norm constant) {
        return constant != null ? constant : new Norm(p.get(prefix + ".weight"), p.get(prefix + ".bias"));
    }
}
