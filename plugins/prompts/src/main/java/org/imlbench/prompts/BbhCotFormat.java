package org.imlbench.prompts;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.Demonstration;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;

/**
 * {@code bbh-cot}: BIG-Bench Hard chain-of-thought prompting, as in the official evaluation: the task's CoT prompt
 * (description and its first k exemplars; all 3 with {@code --shots 3}) followed by {@code \n\nQ: {input}\nA: Let's
 * think step by step.}. The model is expected to reason and end with "So the answer is X."; the target is
 * {@code " So the answer is " + answer + "."}. Only the task's own exemplars are used (pool instances have no
 * reasoning). Option continuations are {@code " " + option}, but rank classification after the trigger skips the
 * reasoning: this format is meant for generation. Generation stops at the next {@code \n\nQ:}.
 */
public final class BbhCotFormat implements PromptFormat {
    @Override
    public String name() {
        return "bbh-cot";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "BIG-Bench Hard chain-of-thought few-shot prompt ('Let's think step by step.')";
    }

    @Override
    public boolean supports(Task task) {
        return BbhPrompts.supports(task);
    }

    @Override
    public RenderedPrompt render(PromptContext context) {
        if (!supports(context.task())) {
            throw new IllegalArgumentException("bbh-cot needs a BIG-Bench Hard task: " + context.task().id());
        }
        List<String> blocks = new ArrayList<>();
        for (Demonstration exemplar : BbhPrompts.exemplars(context)) {
            blocks.add("Q: " + exemplar.input() + "\nA: " + exemplar.output());
        }
        Instance instance = context.instance();
        blocks.add("Q: " + instance.input() + "\nA: " + BbhPrompts.COT_TRIGGER);
        String source = BbhPrompts.header(context.task()) + BbhPrompts.joinBlocks(blocks);
        return new RenderedPrompt(source, " So the answer is " + instance.references().get(0) + ".",
                Continuations.options(instance), List.of("\n\nQ:"));
    }
}
