package org.imlbench.prompts;

import java.util.List;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;

/**
 * {@code optiml}: OPT-IML's layout, kept compact for small models.
 *
 * <pre>
 * {instruction}
 * {input}
 * OPTIONS:
 * - {option 1}
 * - {option 2}
 * Output:</pre>
 *
 * The {@code OPTIONS} block appears only for option instances and an empty instruction is left out. With k shots,
 * the instruction is written once, followed by k pool instances rendered as {@code {input}[options]\nOutput:
 * {answer}} and separated by blank lines. The target is {@code " " + answer}; option continuations are
 * {@code " " + option}; generation stops at the first newline (answers are one line).
 */
public final class OptimlFormat implements PromptFormat {
    static final String DELIMITER = "\nOutput:";

    @Override
    public String name() {
        return "optiml";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "OPT-IML layout: instruction, input, OPTIONS: with '- ' bullets, then 'Output:'";
    }

    @Override
    public RenderedPrompt render(PromptContext context) {
        Instance instance = context.instance();
        StringBuilder source = new StringBuilder();
        String instruction = context.task().instruction().strip();
        List<Shot> shots = Shot.fromPool(context);
        if (!instruction.isEmpty()) {
            source.append(instruction).append(shots.isEmpty() ? "\n" : "\n\n");
        }
        for (Shot shot : shots) {
            appendQuestion(source, shot.input(), shot.options());
            source.append(Continuations.target(shot.answer())).append("\n\n");
        }
        appendQuestion(source, instance.input(), instance.options());
        return new RenderedPrompt(source.toString(), Continuations.target(instance.references().get(0)),
                Continuations.options(instance), List.of("\n"));
    }

    private static void appendQuestion(StringBuilder out, String input, List<String> options) {
        out.append(input.strip());
        if (!options.isEmpty()) {
            out.append("\nOPTIONS:");
            options.forEach(o -> out.append("\n- ").append(o));
        }
        out.append(DELIMITER);
    }
}
