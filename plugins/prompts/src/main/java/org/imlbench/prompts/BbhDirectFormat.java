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
 * {@code bbh-direct}: BIG-Bench Hard answer-only prompting. Uses the same exemplars as the chain-of-thought prompt,
 * with the reasoning removed ({@code ... So the answer is (D).} becomes {@code A: (D)}):
 *
 * <pre>
 * {task description}
 *
 * Q: {exemplar question}
 * A: {answer}
 *
 * Q: {input}
 * A:</pre>
 *
 * k shots use the first k exemplars; when more are asked for than the task ships (3), pool instances fill the
 * rest. Target and option continuations are {@code " " + answer}; generation stops at a newline.
 */
public final class BbhDirectFormat implements PromptFormat {
    @Override
    public String name() {
        return "bbh-direct";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "BIG-Bench Hard answer-only few-shot prompt (the CoT exemplars without their reasoning)";
    }

    @Override
    public boolean supports(Task task) {
        return BbhPrompts.supports(task);
    }

    @Override
    public RenderedPrompt render(PromptContext context) {
        if (!supports(context.task())) {
            throw new IllegalArgumentException("bbh-direct needs a BIG-Bench Hard task: " + context.task().id());
        }
        List<String> blocks = new ArrayList<>();
        for (Demonstration exemplar : BbhPrompts.exemplars(context)) {
            blocks.add("Q: " + exemplar.input() + "\nA: " + BbhPrompts.answer(exemplar.output()));
        }
        for (Instance extra : context.demonstrations()) {
            if (blocks.size() >= context.shots()) {
                break;
            }
            blocks.add("Q: " + extra.input() + "\nA: " + extra.references().get(0));
        }
        Instance instance = context.instance();
        blocks.add("Q: " + instance.input() + "\nA:");
        String source = BbhPrompts.header(context.task()) + BbhPrompts.joinBlocks(blocks);
        return new RenderedPrompt(source, Continuations.target(instance.references().get(0)),
                Continuations.options(instance), List.of("\n\nQ:", "\n"));
    }
}
