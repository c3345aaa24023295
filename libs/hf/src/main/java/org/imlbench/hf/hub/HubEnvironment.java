package org.imlbench.hf.hub;

import java.net.URI;
import java.nio.file.Path;
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
 */
public record HubEnvironment(Path cacheDir, URI endpoint, boolean offline, Optional<String> token) {
    /** The public hub. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
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
        return new HubEnvironment(cache, URI.create(endpoint), offline, first(env, "HF_TOKEN",
                "HUGGING_FACE_HUB_TOKEN").map(String::trim));
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
                + ", token=" + (token.isPresent() ? "set" : "unset") + "]";
    }
}
