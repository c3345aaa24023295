/**
 * The JSON shapes of the OpenAI-compatible completions protocol ({@code /v1/completions}, {@code /v1/models} and
 * error bodies) in one place: the {@code openai} backend writes requests and reads responses with them, and
 * {@code harness serve} reads requests and writes responses with them.
 */
module org.imlbench.openai.protocol {
    requires com.fasterxml.jackson.databind;

    exports org.imlbench.openai.protocol;
}
