package org.imlbench.api;

import java.io.IOException;
import java.util.Optional;

/**
 * Service interface: loads (and optionally tunes) language models. Selected with {@code --backend NAME}.
 */
public interface ModelBackend extends Plugin {
    /**
     * Loads a model.
     *
     * @param request which model, on which device
     * @return the loaded model; the caller closes it
     * @throws IOException when the model cannot be found or read; the message names the file and the problem
     */
    LanguageModel load(ModelRequest request) throws IOException;

    /** @return whether {@link #tune} is implemented */
    default boolean canTune() {
        return false;
    }

    /**
     * Instruction-tunes {@code request.base()} and writes the tuned checkpoint.
     *
     * @param request the base model, data and recipe
     * @param listener told after every optimizer step
     * @return the tuned checkpoint and its loss curve
     * @throws IOException when tuning fails
     */
    default TuningResult tune(TuningRequest request, TuningListener listener) throws IOException {
        throw new UnsupportedOperationException("backend " + name() + " cannot tune models");
    }

    /**
     * The backend's own speed workloads for {@code harness bench}, if it has any. Since API level 3.
     *
     * @return the workloads, or empty
     */
    default Optional<BenchmarkWorkloads> benchmark() {
        return Optional.empty();
    }
}
