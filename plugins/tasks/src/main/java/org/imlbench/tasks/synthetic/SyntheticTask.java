package org.imlbench.tasks.synthetic;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The definition of one generated task: what it is called, its category and instruction, and how to draw one
 * example from a random source.
 *
 * @param name the task's name (the id is {@code synthetic/<name>})
 * @param category its category
 * @param instruction the natural-language instruction shown to the model
 * @param generator draws one example
 */
record SyntheticTask(String name, String category, String instruction, Generator generator) {
    SyntheticTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(generator, "generator");
    }

    /** Draws one example. */
    @FunctionalInterface
    interface Generator {
        Example next(RandomGenerator random);
    }

    /**
     * One generated example.
     *
     * @param input the input text (kept short: the embedded model is tiny)
     * @param answer the answer
     * @param options the answer options, or empty for a generation example
     */
    record Example(String input, String answer, List<String> options) {
        Example {
            options = List.copyOf(options);
        }

        static Example generation(String input, String answer) {
            return new Example(input, answer, List.of());
        }

        static Example choice(String input, String answer, List<String> options) {
            return new Example(input, answer, options);
        }
    }
}
