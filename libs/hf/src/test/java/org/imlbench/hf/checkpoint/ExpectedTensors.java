package org.imlbench.hf.checkpoint;

import java.util.Map;
import java.util.TreeMap;

/** The canonical tensor names and shapes an OPT of a given configuration has (independent of the reader). */
final class ExpectedTensors {
    private ExpectedTensors() {
    }

    static Map<String, long[]> of(OptConfig c) {
        Map<String, long[]> m = new TreeMap<>();
        long h = c.hiddenSize();
        long e = c.wordEmbedProjDim();
        m.put("decoder.embed_tokens.weight", new long[] {c.vocabSize(), e});
        m.put("decoder.embed_positions.weight", new long[] {c.maxPositions() + OptConfig.POSITION_OFFSET, h});
        if (c.hasProjections()) {
            m.put("decoder.project_in.weight", new long[] {h, e});
            m.put("decoder.project_out.weight", new long[] {e, h});
        }
        if (c.doLayerNormBefore()) {
            m.put("decoder.final_layer_norm.weight", new long[] {h});
            m.put("decoder.final_layer_norm.bias", new long[] {h});
        }
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "decoder.layers." + i + ".";
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                m.put(p + "self_attn." + proj + ".weight", new long[] {h, h});
                m.put(p + "self_attn." + proj + ".bias", new long[] {h});
            }
            m.put(p + "self_attn_layer_norm.weight", new long[] {h});
            m.put(p + "self_attn_layer_norm.bias", new long[] {h});
            m.put(p + "fc1.weight", new long[] {c.ffnDim(), h});
            m.put(p + "fc1.bias", new long[] {c.ffnDim()});
            m.put(p + "fc2.weight", new long[] {h, c.ffnDim()});
            m.put(p + "fc2.bias", new long[] {h});
            m.put(p + "final_layer_norm.weight", new long[] {h});
            m.put(p + "final_layer_norm.bias", new long[] {h});
        }
        return m;
    }
}
