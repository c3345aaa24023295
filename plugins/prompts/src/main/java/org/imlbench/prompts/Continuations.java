package org.imlbench.prompts;

import java.util.List;
import org.imlbench.api.Instance;

/**
 * How every built-in format joins source and target: the source ends at the answer delimiter (e.g. {@code Output:})
 * without trailing whitespace, and the target and each option continuation start with one space, as metaseq joins
 * source and target with a single space. Keeping the space on the target side gives the BPE tokenizer the usual
 * {@code " word"} tokens for the answer.
 */
final class Continuations {
    private Continuations() {
    }

    /** @return {@code " " + answer} */
    static String target(String answer) {
        return " " + answer;
    }

    /** @return one {@code " " + option} per option, or empty for a generation instance */
    static List<String> options(Instance instance) {
        return instance.options().stream().map(Continuations::target).toList();
    }
}
