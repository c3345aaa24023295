package org.imlbench.hf.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/** The canonical names and shapes of an OPT model's parameters, derived from its config. */
public final class OptParameterNames {
    public static final String EMBED_TOKENS = "decoder.embed_tokens.weight";
    public static final String EMBED_POSITIONS = "decoder.embed_positions.weight";
    public static final String PROJECT_IN = "decoder.project_in.weight";
    public static final String PROJECT_OUT = "decoder.project_out.weight";
    public static final String FINAL_LN = "decoder.final_layer_norm";

    private OptParameterNames() {
    }

    public static String layer(int i, String suffix) {
        return "decoder.layers." + i + "." + suffix;
    }

    /** @return whether the decoder ends with a LayerNorm (pre-LN models; opt-350m has none) */
    public static boolean hasFinalLayerNorm(OptConfig c) {
        return c.doLayerNormBefore();
    }

    /**
     * @param c the architecture
     * @return every parameter name and its shape, in Hugging Face's order
     */
    public static Map<String, long[]> shapes(OptConfig c) {
        long h = c.hiddenSize();
        long p = c.wordEmbedProjDim();
        long f = c.ffnDim();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put(EMBED_TOKENS, new long[] {c.vocabSize(), p});
        m.put(EMBED_POSITIONS, new long[] {c.maxPositions() + OptConfig.POSITION_OFFSET, h});
        if (hasFinalLayerNorm(c)) {
            layerNorm(m, FINAL_LN, h, c);
        }
        if (c.hasProjections()) {
            m.put(PROJECT_OUT, new long[] {p, h});
            m.put(PROJECT_IN, new long[] {h, p});
        }
        for (int i = 0; i < c.numLayers(); i++) {
            for (String proj : new String[] {"k_proj", "v_proj", "q_proj", "out_proj"}) {
                linear(m, layer(i, "self_attn." + proj), h, h, c);
            }
            layerNorm(m, layer(i, "self_attn_layer_norm"), h, c);
            linear(m, layer(i, "fc1"), f, h, c);
            linear(m, layer(i, "fc2"), h, f, c);
            layerNorm(m, layer(i, "final_layer_norm"), h, c);
        }
        return m;
    }

    private static void linear(Map<String, long[]> m, String prefix, long out, long in, OptConfig c) {
        m.put(prefix + ".weight", new long[] {out, in});
        if (c.enableBias()) {
            m.put(prefix + ".bias", new long[] {out});
        }
    }

    private static void layerNorm(Map<String, long[]> m, String prefix, long h, OptConfig c) {
        if (c.layerNormElementwiseAffine()) {
            m.put(prefix + ".weight", new long[] {h});
            m.put(prefix + ".bias", new long[] {h});
        }
    }
}
