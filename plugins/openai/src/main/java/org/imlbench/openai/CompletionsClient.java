package org.imlbench.openai;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import org.imlbench.openai.protocol.CompletionRequest;
import org.imlbench.openai.protocol.CompletionResponse;
import org.imlbench.openai.protocol.ErrorBody;
import org.imlbench.openai.protocol.ModelList;
import org.imlbench.openai.protocol.ProtocolException;

/**
 * The HTTP side of the backend: {@code POST /completions} with retries and {@code GET /models}.
 *
 * <p>A request that gets HTTP 429 or 5xx, times out or finds no server is retried up to {@code max-retries} times,
 * after the server's {@code Retry-After} or an exponential backoff; any other status fails at once with the
 * server's message. The API key travels in the {@code Authorization} header only: no message, log line or record
 * ever contains it.
 */
final class CompletionsClient {
    private final ClientOptions options;
    private final HttpClient http;
    private final String apiKey;
    private final PrintStream log;

    /**
     * @param options where and how to connect
     * @param apiKey the key, or null to send none
     * @param log where retries are reported, one line each
     */
    CompletionsClient(ClientOptions options, String apiKey, PrintStream log) {
        this.options = options;
        this.apiKey = apiKey;
        this.log = log;
        Duration connect = options.timeout().compareTo(Duration.ofSeconds(30)) < 0 ? options.timeout()
                : Duration.ofSeconds(30);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect).build();
    }

    /**
     * @param request the request
     * @return the server's response
     * @throws IOException when the request still fails after every retry, or is refused; the message names the
     *                     URL, the status and the server's message
     */
    CompletionResponse complete(CompletionRequest request) throws IOException {
        URI uri = options.endpoint("completions");
        byte[] body = send(uri, request.toJson());
        try {
            CompletionResponse response = CompletionResponse.parse(body);
            if (response.choices().size() != request.prompts().size()) {
                throw new IOException("POST " + uri + ": the server answered " + response.choices().size()
                        + " choices for " + request.prompts().size() + " prompts");
            }
            return response;
        } catch (ProtocolException e) {
            throw new IOException("POST " + uri + ": not a completions response: " + e.getMessage(), e);
        }
    }

    /**
     * One attempt, no retries: for what {@code load} checks.
     *
     * @return the served models
     * @throws IOException when the server does not answer with a model list
     */
    ModelList models() throws IOException {
        URI uri = options.endpoint("models");
        HttpResponse<byte[]> response = exchange(request(uri).GET().timeout(Duration.ofSeconds(10)).build());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + ": HTTP " + response.statusCode() + ": "
                    + ErrorBody.messageOf(response.body()));
        }
        try {
            return ModelList.parse(response.body());
        } catch (ProtocolException e) {
            throw new IOException("GET " + uri + ": not a model list: " + e.getMessage(), e);
        }
    }

    private byte[] send(URI uri, byte[] body) throws IOException {
        HttpRequest request = request(uri).timeout(options.timeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        String last = "";
        int attempts = options.maxRetries() + 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            HttpResponse<byte[]> response = null;
            try {
                response = exchange(request);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                last = "no connection (" + e.getClass().getSimpleName() + ")";
            } catch (HttpTimeoutException e) {
                last = "no answer within " + options.timeout().toMillis() / 1000.0 + " s";
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                last = "connection failed (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()) + ")";
            }
            Optional<String> retryAfter = Optional.empty();
            if (response != null) {
                int status = response.statusCode();
                if (status == 200) {
                    return response.body();
                }
                last = "HTTP " + status + ": " + ErrorBody.messageOf(response.body());
                if (status != 429 && status < 500) {
                    // the server refuses this request: asking again gets the same answer
                    throw new IOException("POST " + uri + ": " + last);
                }
                retryAfter = response.headers().firstValue("Retry-After");
            }
            if (attempt + 1 < attempts) {
                Duration wait = RetryDelay.after(attempt, retryAfter, ZonedDateTime.now());
                log.printf(Locale.ROOT, "openai: POST %s: %s; retry %d of %d in %.1f s%n", uri, last, attempt + 1,
                        options.maxRetries(), wait.toMillis() / 1000.0);
                sleep(wait);
            }
        }
        throw new IOException("POST " + uri + " failed after " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                + ": " + last);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "application/json");
        if (apiKey != null && !apiKey.isEmpty()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(request.method() + " " + request.uri() + ": interrupted", e);
        }
    }

    private static void sleep(Duration wait) throws IOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", e);
        }
    }
}
