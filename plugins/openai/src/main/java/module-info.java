/**
 * The {@code openai} model backend: a model served by any OpenAI-compatible completions server (vLLM, TGI, SGLang,
 * llama.cpp's server, {@code harness serve}). Scores with {@code echo}, {@code logprobs} and {@code max_tokens=0} as
 * lm-evaluation-harness's {@code local-completions} does, generates greedily, many requests in flight, with retries.
 */
module org.imlbench.openai {
    requires org.imlbench.api;
    requires org.imlbench.openai.protocol;
    requires java.net.http;

    provides org.imlbench.api.ModelBackend with org.imlbench.openai.OpenAiBackend;
}
