package org.imlbench.prompts;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.Demonstration;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;
import org.imlbench.api.RenderedPrompt;

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
public final class BbhDirectFormat extends BbhFormat {
    /** Creates the format. */
    public BbhDirectFormat() {
        super("bbh-direct", "BIG-Bench Hard answer-only few-shot prompt (the CoT exemplars without their reasoning)");
    }

    @Override
    RenderedPrompt render(PromptContext context, String header) {
        List<String> blocks = new ArrayList<>();
        for (Demonstration exemplar : BbhPrompts.exemplars(context)) {
            blocks.add(block(exemplar.input(), BbhPrompts.answer(exemplar.output())));
        }
        for (Instance extra : context.demonstrations()) {
            if (blocks.size() >= context.shots()) {
                break;
            }
            blocks.add(block(extra.input(), extra.references().get(0)));
        }
        Instance instance = context.instance();
        blocks.add(question(instance.input()));
        return new RenderedPrompt(source(header, blocks), Continuations.target(instance.references().get(0)),
                Continuations.options(instance), List.of("\n\nQ:", "\n"));
    }
}
