package org.imlbench.api;

import java.util.Objects;

/**
 * One tuning example: the rendered source and target of a training instance. The loss covers the target only.
 *
 * @param taskId the task it comes from (for mixing and reporting)
 * @param source the rendered prompt
 * @param target the text the model learns to produce after {@code source}
 */
public record TrainingExample(String taskId, String source, String target) {
    /** Checks for nulls. */
    public TrainingExample {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
