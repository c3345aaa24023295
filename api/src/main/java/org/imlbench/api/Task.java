package org.imlbench.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task: an instruction, its category and its instances. Tasks are data (as in lm-evaluation-harness): a
 * {@link TaskCategoryProvider} reads or generates them, and everything else treats them uniformly.
 *
 * @param id globally unique id, conventionally {@code <source>/<name>} (e.g. {@code bbh/navigate}); the key in reports,
 *           split specs, resume and replay files
 * @param category the task's category (e.g. "Textual Entailment"); generalization splits hold out whole categories
 * @param source the benchmark the task comes from (e.g. "niv2", "bbh", "synthetic"); Allure's sub-suite
 * @param instruction the natural-language instruction (NIv2's Definition); may be empty
 * @param demonstrations worked examples that belong to the task definition; may be empty
 * @param instances the task's instances, in source order
 * @param attributes extra task-level data for prompt formats and metrics (for example {@link #ATTR_COT_PROMPT})
 */
public record Task(String id, String category, String source, String instruction, List<Demonstration> demonstrations,
                   List<Instance> instances, Map<String, String> attributes) {
    /** Attribute holding a BIG-Bench Hard chain-of-thought few-shot prompt, as read from {@code cot-prompts/}. */
    public static final String ATTR_COT_PROMPT = "cot-prompt";

    /** Copies the collections and checks the invariants. */
    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(instruction, "instruction");
        demonstrations = List.copyOf(demonstrations);
        instances = List.copyOf(instances);
        attributes = Map.copyOf(attributes);
        if (id.isBlank()) {
            throw new IllegalArgumentException("task id is blank");
        }
        if (category.isBlank()) {
            throw new IllegalArgumentException("task " + id + " has a blank category");
        }
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("task " + id + " has no instances");
        }
        long distinct = instances.stream().map(Instance::id).distinct().count();
        if (distinct != instances.size()) {
            throw new IllegalArgumentException("task " + id + " has duplicate instance ids");
        }
    }

    /** @return true when every instance has answer options (rank classification) */
    public boolean hasOptions() {
        return instances.stream().allMatch(Instance::hasOptions);
    }

    /**
     * The same task with other instances (used by the harness to cut splits).
     *
     * @param subset the instances to keep
     * @return a copy of this task with {@code subset} as its instances
     */
    public Task withInstances(List<Instance> subset) {
        return new Task(id, category, source, instruction, demonstrations, subset, attributes);
    }
}
