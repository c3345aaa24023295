package org.imlbench.api;

import java.util.Map;
import java.util.Objects;

/**
 * Which model to load and where.
 *
 * @param model a local checkpoint directory, a hub id such as {@code facebook/opt-125m}, or a backend-specific name
 *              (the {@code djl} backend's {@code embedded})
 * @param device {@code cpu}, {@code gpu}, {@code gpu:0} or {@code gpu:0,1} (see {@link DeviceSelection})
 * @param options backend-specific settings ({@code --backend-option key=value}), read through the backend's
 *                {@linkplain Plugin#declaredOptions() declared options}
 */
public record ModelRequest(String model, String device, Options options) {
    /**
     * Checks for nulls and the device's syntax.
     *
     * @throws UsageException when the device is malformed
     */
    public ModelRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        DeviceSelection.parse(Objects.requireNonNull(device, "device"));
    }

    /** @return the device, parsed */
    public DeviceSelection devices() {
        return DeviceSelection.parse(device);
    }

    /**
     * @param model the model
     * @param device the device
     * @param options the options as text
     * @return the request
     */
    public static ModelRequest of(String model, String device, Map<String, String> options) {
        return new ModelRequest(model, device, Options.of(options));
    }

    /**
     * @param model another model
     * @return this request for that model, on the same device with the same options
     */
    public ModelRequest withModel(String model) {
        return new ModelRequest(model, device, options);
    }
}
