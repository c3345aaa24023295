package org.imlbench.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * A role that a task source itself assigns to some of its tasks, such as Super-NaturalInstructions' official split
 * lists ({@code splits/default/test_tasks.txt}, {@code excluded_tasks.txt}). A provider records it in the task's
 * {@link #ATTRIBUTE} attribute; the harness honours it when the split spec's {@code useSourceSplitRoles} is on, and
 * otherwise ignores it. The harness knows no source by name: only this vocabulary.
 */
public enum SourceSplitRole {
    /** The source evaluates this task without training on it (partially supervised, or fully held out). */
    HELD_OUT("held-out"),
    /** The source leaves this task out of its benchmark entirely. */
    EXCLUDED("excluded");

    /** The task attribute holding the role's {@link #value()}. */
    public static final String ATTRIBUTE = "source-split-role";

    private final String value;

    SourceSplitRole(String value) {
        this.value = value;
    }

    /** @return the attribute value, e.g. {@code held-out} */
    public String value() {
        return value;
    }

    /**
     * @param task a task
     * @return the role its source gave it, if any
     * @throws IllegalArgumentException when the attribute holds an unknown value
     */
    public static Optional<SourceSplitRole> of(Task task) {
        String v = task.attributes().get(ATTRIBUTE);
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(values()).filter(r -> r.value.equals(v)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("task " + task.id() + ": unknown " + ATTRIBUTE + " '" + v + "'")));
    }
}
