package org.imlbench.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a backend needs to tune a model, self-contained so that a backend may hand it to another process
 * (e.g. a torchrun/FSDP launcher).
 *
 * @param base the model to start from, as for {@link ModelRequest}
 * @param outputDir where the tuned checkpoint goes (Hugging Face layout) along with resumable training state
 * @param examples the training examples (the training split rendered by a prompt format), read on demand
 * @param config the recipe
 * @param resume when true and {@code outputDir} holds a checkpoint of an interrupted run, continue from it
 */
public record TuningRequest(ModelRequest base, Path outputDir, TrainingExamples examples, TuningConfig config,
                            boolean resume) {
    /** Checks the invariants. */
    public TuningRequest {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(config, "config");
        if (examples.tasks().isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
    }
}
