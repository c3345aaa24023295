package org.imlbench.api;

import java.util.List;
import java.util.Objects;

/**
 * An instance rendered by a {@link PromptFormat}: what the model reads and what it should write.
 *
 * @param source the prompt text the model is conditioned on
 * @param target the text the model should produce after {@code source} (the first reference, formatted); the
 *               training target when tuning
 * @param continuations for an option task, one text per option, in option order, to be scored after
 *                      {@code source}; empty for a generation task
 * @param stopSequences strings at which greedy generation stops (cut at the first occurrence)
 */
public record RenderedPrompt(String source, String target, List<String> continuations, List<String> stopSequences) {
    /** Copies the lists and checks for nulls. */
    public RenderedPrompt {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        continuations = List.copyOf(continuations);
        stopSequences = List.copyOf(stopSequences);
    }
}
