package org.imlbench.api;

import java.util.Objects;

/**
 * A worked example that belongs to a task's definition rather than to its instances, such as a
 * Super-NaturalInstructions "Positive Example" or a BIG-Bench Hard chain-of-thought exemplar.
 *
 * @param input the example's input
 * @param output the example's answer (for chain-of-thought exemplars: the reasoning that ends in the answer)
 * @param explanation why the output is right, or empty
 */
public record Demonstration(String input, String output, String explanation) {
    /** Checks that no component is null. */
    public Demonstration {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(explanation, "explanation");
    }
}
