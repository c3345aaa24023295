package org.imlbench.openai;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.imlbench.api.OptionKey;
import org.imlbench.api.Options;
import org.imlbench.api.UsageException;

/**
 * The {@code openai} backend's options ({@code --backend-option key=value}), declared as {@link #KEYS}.
 *
 * @param baseUrl the server's API root, e.g. {@code http://127.0.0.1:8000/v1} (no trailing slash)
 * @param apiKeyEnv the environment variable holding the API key (its value is sent as a bearer token, never
 *                  recorded)
 * @param concurrency requests in flight at once
 * @param timeout how long one request may take
 * @param maxRetries retries of a request that got 429, 5xx, a timeout or no connection
 * @param scoring whether the server scores (echoes prompts with logprobs); without, option tasks are evaluated by
 *                generation
 * @param echoMaxTokens {@code max_tokens} of scoring requests: 0, or 1 for servers that refuse 0 (the extra token
 *                      is ignored)
 */
record ClientOptions(URI baseUrl, String apiKeyEnv, int concurrency, Duration timeout, int maxRetries,
                     boolean scoring, int echoMaxTokens) {
    static final OptionKey<String> BASE_URL = OptionKey.text("base-url",
            "the server's API root, e.g. http://127.0.0.1:8000/v1", null);
    static final OptionKey<String> API_KEY_ENV = OptionKey.text("api-key-env",
            "the environment variable holding the API key (sent as a bearer token when set; never recorded)",
            "OPENAI_API_KEY");
    static final OptionKey<Integer> CONCURRENCY = OptionKey.integer("concurrency", "requests in flight at once", 16,
            1, 1024);
    static final OptionKey<Duration> TIMEOUT = OptionKey.duration("timeout", "how long one request may take",
            Duration.ofMinutes(5));
    static final OptionKey<Integer> MAX_RETRIES = OptionKey.integer("max-retries",
            "retries of a request that got HTTP 429, 5xx, a timeout or no connection", 5, 0, 100);
    static final OptionKey<Boolean> SCORING = OptionKey.flag("scoring", "whether the server returns prompt "
            + "log-probabilities (echo with logprobs); false evaluates option tasks by generation", true);
    static final OptionKey<Integer> ECHO_MAX_TOKENS = OptionKey.integer("echo-max-tokens", "max_tokens of scoring "
            + "requests: 0, or 1 for servers that refuse 0 (e.g. some vLLM versions); the extra token is ignored", 0,
            0, 1);
    static final List<OptionKey<?>> KEYS = List.of(BASE_URL, API_KEY_ENV, CONCURRENCY, TIMEOUT, MAX_RETRIES, SCORING,
            ECHO_MAX_TOKENS);

    static ClientOptions parse(Options options) {
        String text = options.get(BASE_URL).strip();
        URI uri;
        try {
            uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("option base-url='" + text + "': not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new UsageException("option base-url='" + text + "': expected http(s)://host[:port]/path, e.g. "
                    + "http://127.0.0.1:8000/v1");
        }
        Duration timeout = options.get(TIMEOUT);
        if (timeout.isZero()) {
            throw new UsageException("option timeout='" + options.raw(TIMEOUT.key()).orElse("") + "': must be "
                    + "longer than 0");
        }
        return new ClientOptions(uri, options.get(API_KEY_ENV), options.get(CONCURRENCY), timeout,
                options.get(MAX_RETRIES), options.get(SCORING), options.get(ECHO_MAX_TOKENS));
    }

    /**
     * @param path a path under the API root, e.g. {@code completions}
     * @return its URL
     */
    URI endpoint(String path) {
        return URI.create(baseUrl + "/" + path);
    }
}
