/**
 * The {@code djl} model backend: Meta's OPT on DJL's PyTorch engine, Hugging Face checkpoints and hub ids, GPT-2 BPE
 * and byte-level tokenizers, exact scoring with context key/value reuse, cached greedy generation, the embedded
 * default model, instruction tuning, and the {@code bench} workloads. It exports nothing: the harness reaches it
 * through {@link org.imlbench.api.ModelBackend} only.
 */
module org.imlbench.djl {
    requires transitive org.imlbench.api;
    requires org.imlbench.hf;
    requires org.imlbench.tuningdata;
    requires ai.djl.api;
    requires ai.djl.pytorch_engine;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    provides org.imlbench.api.ModelBackend with org.imlbench.djl.backend.DjlBackend;
}
