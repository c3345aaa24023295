package org.imlbench.openai.protocol;

import java.util.List;
import java.util.Objects;

/** One prompt of a completions request: text, or token ids (as lm-evaluation-harness sends them). */
public sealed interface Prompt {
    /**
     * A text prompt.
     *
     * @param text the text
     */
    record Text(String text) implements Prompt {
        /** Checks for null. */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A prompt given as token ids of the served model's vocabulary.
     *
     * @param ids the ids
     */
    record TokenIds(List<Integer> ids) implements Prompt {
        /** Copies the list. */
        public TokenIds {
            ids = List.copyOf(ids);
        }
    }
}
