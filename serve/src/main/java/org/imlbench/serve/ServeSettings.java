package org.imlbench.serve;

import java.util.Objects;

/**
 * How {@code harness serve} listens and what it accepts.
 *
 * @param host the address to bind (loopback by default: the server has no authentication)
 * @param port the port; 0 picks a free one
 * @param servedName the name clients put in {@code model}
 * @param maxBatch the most prompts handed to the backend in one call (the backend splits them into its own batches)
 * @param maxQueued the most prompts waiting or running at once; more get HTTP 503 with {@code Retry-After}
 * @param httpThreads threads answering HTTP requests (each waits while its prompts run)
 * @param maxBodyBytes the largest request body; larger ones get HTTP 413
 * @param maxPrompts prompts per request
 * @param maxTokens the largest {@code max_tokens}
 */
public record ServeSettings(String host, int port, String servedName, int maxBatch, int maxQueued, int httpThreads,
                            long maxBodyBytes, int maxPrompts, int maxTokens) {
    /** Checks the invariants. */
    public ServeSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(servedName, "servedName");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (maxBatch < 1 || maxQueued < 1 || httpThreads < 1 || maxBodyBytes < 1 || maxPrompts < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("limits must be >= 1");
        }
    }

    /**
     * The defaults for one served model on loopback.
     *
     * @param servedName the model's name
     * @param port the port, 0 for a free one
     * @return the settings
     */
    public static ServeSettings defaults(String servedName, int port) {
        return new ServeSettings("127.0.0.1", port, servedName, 64, 4096, 128, 16L << 20, 256, 4096);
    }
}
