package org.imlbench.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One evaluable example of a task.
 *
 * @param id unique within its task and stable across runs (reports, resume and replay match on it)
 * @param input the instance's input text, without instruction or formatting
 * @param references one or more acceptable answers; for an option task, the correct option(s)
 * @param options the answer options for rank classification, or empty for a generation task
 * @param attributes extra per-instance data a prompt format or metric may use; never null
 */
public record Instance(String id, String input, List<String> references, List<String> options,
                       Map<String, String> attributes) {
    /** Copies the collections and checks the invariants. */
    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        references = List.copyOf(references);
        options = List.copyOf(options);
        attributes = Map.copyOf(attributes);
        if (references.isEmpty()) {
            throw new IllegalArgumentException("instance " + id + " has no reference answer");
        }
        if (!options.isEmpty() && references.stream().noneMatch(options::contains)) {
            throw new IllegalArgumentException("instance " + id + ": no reference is one of its options " + options);
        }
    }

    /**
     * An instance without options or attributes.
     *
     * @param id the id
     * @param input the input
     * @param references the references
     * @return the instance
     */
    public static Instance generation(String id, String input, List<String> references) {
        return new Instance(id, input, references, List.of(), Map.of());
    }

    /**
     * An option instance with one correct option.
     *
     * @param id the id
     * @param input the input
     * @param answer the correct option, which must be one of {@code options}
     * @param options the options
     * @return the instance
     */
    public static Instance choice(String id, String input, String answer, List<String> options) {
        return new Instance(id, input, List.of(answer), options, Map.of());
    }

    /** @return true when the instance is evaluated by rank classification over {@link #options()} */
    public boolean hasOptions() {
        return !options.isEmpty();
    }

    /** @return the indices in {@link #options()} of the correct options */
    public List<Integer> correctOptionIndices() {
        return IntStream.range(0, options.size())
                .filter(i -> references.contains(options.get(i))).boxed().toList();
    }
}
