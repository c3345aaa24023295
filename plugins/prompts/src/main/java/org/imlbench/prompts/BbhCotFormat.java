package org.imlbench.prompts;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.Demonstration;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;
import org.imlbench.api.RenderedPrompt;

/**
 * {@code bbh-cot}: BIG-Bench Hard chain-of-thought prompting, as in the official evaluation: the task's CoT prompt
 * (description and its first k exemplars; all 3 with {@code --shots 3}) followed by {@code \n\nQ: {input}\nA: Let's
 * think step by step.}. The model is expected to reason and end with "So the answer is X."; the target is
 * {@code " So the answer is " + answer + "."}. Only the task's own exemplars are used (pool instances have no
 * reasoning). Option continuations are {@code " " + option}, but rank classification after the trigger skips the
 * reasoning: this format is meant for generation. Generation stops at the next {@code \n\nQ:}.
 */
public final class BbhCotFormat extends BbhFormat {
    /** Creates the format. */
    public BbhCotFormat() {
        super("bbh-cot", "BIG-Bench Hard chain-of-thought few-shot prompt ('Let's think step by step.')");
    }

    @Override
    RenderedPrompt render(PromptContext context, String header) {
        List<String> blocks = new ArrayList<>();
        for (Demonstration exemplar : BbhPrompts.exemplars(context)) {
            blocks.add(block(exemplar.input(), exemplar.output()));
        }
        Instance instance = context.instance();
        blocks.add(block(instance.input(), BbhPrompts.COT_TRIGGER));
        return new RenderedPrompt(source(header, blocks), " So the answer is " + instance.references().get(0) + ".",
                Continuations.options(instance), List.of("\n\nQ:"));
    }
}
