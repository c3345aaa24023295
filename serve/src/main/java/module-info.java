/**
 * {@code harness serve}: a loaded {@link org.imlbench.api.LanguageModel} of any backend behind the OpenAI-compatible
 * {@code /v1/models} and {@code /v1/completions}, on the JDK's HTTP server with a bounded executor and a body-size
 * limit; concurrent requests are batched into the backend's batches by one dispatcher thread.
 */
module org.imlbench.serve {
    requires transitive org.imlbench.api;
    requires org.imlbench.openai.protocol;
    requires jdk.httpserver;
    requires java.net.http;

    exports org.imlbench.serve;
}
