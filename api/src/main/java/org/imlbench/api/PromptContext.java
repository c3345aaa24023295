package org.imlbench.api;

import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link PromptFormat} needs to render one instance.
 *
 * @param task the instance's task
 * @param instance the instance to render
 * @param shots how many demonstrations the user asked for ({@code --shots}); 0 for zero-shot
 * @param demonstrations {@code shots} instances drawn by the harness with a fixed seed from the task's training pool,
 *                       never the rendered instance; a format may use them, or the task's own
 *                       {@link Task#demonstrations()} instead (as NIv2's positive examples)
 */
public record PromptContext(Task task, Instance instance, int shots, List<Instance> demonstrations) {
    /** Checks the invariants. */
    public PromptContext {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(instance, "instance");
        demonstrations = List.copyOf(demonstrations);
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0: " + shots);
        }
        if (demonstrations.stream().anyMatch(d -> d.id().equals(instance.id()))) {
            throw new IllegalArgumentException("instance " + instance.id() + " is among its own demonstrations");
        }
    }
}
