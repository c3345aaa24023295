package org.imlbench.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a backend needs to tune a model, self-contained so that a backend may hand it to another process
 * (e.g. a torchrun/FSDP launcher) as a file.
 *
 * @param base the model to start from, as for {@link ModelRequest}
 * @param outputDir where the tuned checkpoint goes (Hugging Face layout) along with resumable training state
 * @param examples the training examples (the training split rendered by a prompt format)
 * @param config the recipe
 * @param resume when true and {@code outputDir} holds a checkpoint of an interrupted run, continue from it
 */
public record TuningRequest(ModelRequest base, Path outputDir, List<TrainingExample> examples, TuningConfig config,
                            boolean resume) {
    /** Copies the examples and checks the invariants. */
    public TuningRequest {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(config, "config");
        examples = List.copyOf(examples);
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
    }
}
