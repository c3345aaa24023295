package org.imlbench.prompts;

import java.util.List;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;

/**
 * {@code niv2}: Tk-Instruct's "definition + positive examples" encoding of Super-NaturalInstructions.
 *
 * <pre>
 * Definition: {definition}
 *
 * Positive Example 1-
 * Input: {input}
 * Output: {output}
 *
 * Now complete the following example-
 * Input: {input}
 * Output:</pre>
 *
 * With k shots the first k positive examples of the task definition are used (Tk-Instruct's default is 2); when
 * the task defines fewer, pool instances fill the rest. Options, if any, are listed after the input as in
 * {@code optiml}. Target {@code " " + answer}; generation stops at a blank line.
 */
public final class Niv2Format implements PromptFormat {
    @Override
    public String name() {
        return "niv2";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "Tk-Instruct layout: Definition, k positive examples, 'Now complete the following example-'";
    }

    @Override
    public RenderedPrompt render(PromptContext context) {
        StringBuilder source = new StringBuilder();
        String definition = context.task().instruction().strip();
        if (!definition.isEmpty()) {
            source.append("Definition: ").append(definition).append("\n\n");
        }
        int n = 1;
        for (Shot shot : Shot.definitionFirst(context)) {
            source.append("Positive Example ").append(n++).append("-\n");
            appendInput(source, shot.input(), shot.options());
            source.append("\nOutput:").append(Continuations.target(shot.answer().strip())).append("\n\n");
        }
        source.append("Now complete the following example-\n");
        appendInput(source, context.instance().input(), context.instance().options());
        source.append("\nOutput:");
        return new RenderedPrompt(source.toString(), Continuations.target(context.instance().references().get(0)),
                Continuations.options(context.instance()), List.of("\n\n"));
    }

    private static void appendInput(StringBuilder out, String input, List<String> options) {
        out.append("Input: ").append(input.strip());
        if (!options.isEmpty()) {
            out.append("\nOPTIONS:");
            options.forEach(o -> out.append("\n- ").append(o));
        }
    }
}
