package org.imlbench.hf.checkpoint;

/**
 * The architecture of an OPT checkpoint, as read from Hugging Face's {@code config.json} ({@code OPTConfig}).
 *
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size}
 * @param numLayers {@code num_hidden_layers}
 * @param numHeads {@code num_attention_heads}
 * @param ffnDim {@code ffn_dim}
 * @param maxPositions {@code max_position_embeddings} (the learned position table has this many rows plus the offset 2)
 * @param wordEmbedProjDim {@code word_embed_proj_dim}; differs from hiddenSize only for opt-350m, which then has
 *                         {@code project_in}/{@code project_out}
 * @param doLayerNormBefore {@code do_layer_norm_before}: pre-LayerNorm (true for all sizes but opt-350m)
 * @param activation {@code activation_function} (OPT: relu)
 * @param dropout {@code dropout}, used in training only
 * @param attentionDropout {@code attention_dropout}
 * @param enableBias {@code enable_bias} (default true)
 * @param layerNormElementwiseAffine {@code layer_norm_elementwise_affine} (default true)
 * @param padTokenId {@code pad_token_id} (1)
 * @param bosTokenId {@code bos_token_id} (2)
 * @param eosTokenId {@code eos_token_id} (2)
 * @param torchDtype {@code torch_dtype} as written, e.g. "float16", or "float32" when absent
 */
public record OptConfig(int vocabSize, int hiddenSize, int numLayers, int numHeads, int ffnDim, int maxPositions,
                        int wordEmbedProjDim, boolean doLayerNormBefore, String activation, double dropout,
                        double attentionDropout, boolean enableBias, boolean layerNormElementwiseAffine,
                        int padTokenId, int bosTokenId, int eosTokenId, String torchDtype) {
    /** Learned positions are looked up at {@code position + POSITION_OFFSET} (a fairseq legacy kept by OPT). */
    public static final int POSITION_OFFSET = 2;

    /** @return whether the checkpoint has project_in/project_out (opt-350m's layout) */
    public boolean hasProjections() {
        return wordEmbedProjDim != hiddenSize;
    }

    /** @return the dimension of each attention head */
    public int headDim() {
        return hiddenSize / numHeads;
    }
}
