package org.imlbench.hf.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Hugging Face hub settings, from the same environment variables huggingface_hub reads.
 *
 * @param cacheDir the hub cache: {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else
 *                 {@code HF_HOME/hub}, else {@code XDG_CACHE_HOME/huggingface/hub}, else
 *                 {@code ~/.cache/huggingface/hub}
 * @param endpoint {@code HF_ENDPOINT}, default {@code https://huggingface.co}
 * @param offline {@code HF_HUB_OFFLINE} set to 1/true/yes/on: never use the network
 * @param token {@code HF_TOKEN} (or the older {@code HUGGING_FACE_HUB_TOKEN}), sent as a Bearer token
 * @param metadataTimeout how long a metadata request may go unanswered: {@code HF_HUB_ETAG_TIMEOUT} seconds (as
 *                        huggingface_hub), default {@link #DEFAULT_METADATA_TIMEOUT}
 */
public record HubEnvironment(Path cacheDir, URI endpoint, boolean offline, Optional<String> token,
                             Duration metadataTimeout) {
    /** The public hub. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    /**
     * Half of huggingface_hub's 10 s: an unreachable hub is reported within seconds, and an answer to a HEAD request
     * takes well under a second on a working connection.
     */
    public static final Duration DEFAULT_METADATA_TIMEOUT = Duration.ofSeconds(5);
    /** Spellings of "true" huggingface_hub accepts. */
    private static final Set<String> TRUE_VALUES = Set.of("1", "true", "yes", "on");

    /**
     * @param env environment variables
     * @param home the user's home directory
     * @return the settings they describe
     */
    public static HubEnvironment from(Map<String, String> env, Path home) {
        Path cache = first(env, "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE").map(Path::of)
                .or(() -> first(env, "HF_HOME").map(h -> Path.of(h, "hub")))
                .or(() -> first(env, "XDG_CACHE_HOME").map(x -> Path.of(x, "huggingface", "hub")))
                .orElse(home.resolve(".cache").resolve("huggingface").resolve("hub"));
        String endpoint = first(env, "HF_ENDPOINT").orElse(DEFAULT_ENDPOINT);
        while (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        boolean offline = first(env, "HF_HUB_OFFLINE")
                .map(v -> TRUE_VALUES.contains(v.trim().toLowerCase(Locale.ROOT))).orElse(false);
        Duration timeout = first(env, "HF_HUB_ETAG_TIMEOUT").map(HubEnvironment::seconds)
                .orElse(DEFAULT_METADATA_TIMEOUT);
        return new HubEnvironment(cache, URI.create(endpoint), offline, first(env, "HF_TOKEN",
                "HUGGING_FACE_HUB_TOKEN").map(String::trim), timeout);
    }

    private static Duration seconds(String value) {
        try {
            double s = Double.parseDouble(value.trim());
            if (s > 0 && s <= Duration.ofDays(1).toSeconds()) {
                return Duration.ofMillis(Math.round(s * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("HF_HUB_ETAG_TIMEOUT must be a positive number of seconds, got '"
                + value + "'");
    }

    /** @return the endpoint and where it came from, for messages */
    public String describeEndpoint() {
        return endpoint + (endpoint.toString().equals(DEFAULT_ENDPOINT) ? " (the default; HF_ENDPOINT is not set)"
                : " (HF_ENDPOINT)");
    }

    /** @return the settings of this process's environment (the only place this package reads it) */
    public static HubEnvironment fromSystem() {
        return from(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    private static Optional<String> first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        // never print the token
        return "HubEnvironment[cacheDir=" + cacheDir + ", endpoint=" + endpoint + ", offline=" + offline
                + ", token=" + (token.isPresent() ? "set" : "unset") + ", metadataTimeout=" + metadataTimeout + "]";
    }
}
