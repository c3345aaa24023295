package org.imlbench.api;

import java.util.Map;
import java.util.Objects;

/**
 * Which model to load and where.
 *
 * @param model a local checkpoint directory, a hub id such as {@code facebook/opt-125m}, or a backend-specific name
 *              (the {@code djl} backend's {@code embedded})
 * @param device {@code cpu}, {@code gpu}, {@code gpu:0} or {@code gpu:0,1}
 * @param options backend-specific settings ({@code --backend-option key=value}), e.g. {@code predictions} for
 *                {@code replay}, {@code batch-size}, {@code dtype}
 */
public record ModelRequest(String model, String device, Map<String, String> options) {
    /** Copies the options and checks for nulls. */
    public ModelRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        options = Map.copyOf(options);
    }
}
