package org.imlbench.api;

import java.util.Objects;

/**
 * One evaluated instance, as a {@link Metric} sees it.
 *
 * @param task the task
 * @param instance the instance, with its references
 * @param format the prompt format's name (BBH exact match reads chain-of-thought and direct answers differently)
 * @param prompt the rendered prompt
 * @param prediction the model's answer
 */
public record Sample(Task task, Instance instance, String format, RenderedPrompt prompt, Prediction prediction) {
    /** Checks for nulls. */
    public Sample {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(prediction, "prediction");
    }
}
