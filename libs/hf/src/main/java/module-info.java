/**
 * Hugging Face OPT checkpoints, independent of any engine (as DJL's api is of its engines): {@code config.json},
 * safetensors (single, sharded, bf16) and {@code pytorch_model.bin} through a restricted unpickler, the checkpoint
 * writer, the GPT-2 BPE and byte-level tokenizers, the hub client with its resumable, verified downloads and cache,
 * and the embedded default model. The {@code djl} backend runs these checkpoints; the {@code torchrun} backend
 * tokenizes and packs training data with the same tokenizers and hands checkpoints to PyTorch.
 */
module org.imlbench.hf {
    requires transitive org.imlbench.files;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports org.imlbench.hf.checkpoint;
    exports org.imlbench.hf.embedded;
    exports org.imlbench.hf.hub;
    exports org.imlbench.hf.tokenizer;
}
