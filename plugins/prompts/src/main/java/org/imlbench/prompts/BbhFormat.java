package org.imlbench.prompts;

import java.util.List;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;

/**
 * What the two BIG-Bench Hard formats share: they render only BBH tasks, as {@code Q:/A:} blocks after the task's
 * header. Subclasses say how an exemplar, the extra demonstrations and the question become blocks.
 */
abstract class BbhFormat implements PromptFormat {
    private final String name;
    private final String description;

    BbhFormat(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final boolean supports(Task task) {
        return BbhPrompts.supports(task);
    }

    @Override
    public final RenderedPrompt render(PromptContext context) {
        if (!supports(context.task())) {
            throw new IllegalArgumentException(name + " needs a BIG-Bench Hard task: " + context.task().id());
        }
        return render(context, BbhPrompts.header(context.task()));
    }

    /**
     * @param context a BBH task's instance and demonstrations
     * @param header the task's header, to put before the joined blocks
     * @return the rendered prompt
     */
    abstract RenderedPrompt render(PromptContext context, String header);

    /** @return {@code Q: question\nA: answer}, a demonstration (or a question with the CoT trigger) */
    static String block(String question, String answer) {
        return "Q: " + question + "\nA: " + answer;
    }

    /** @return {@code Q: question\nA:}, a question the model answers directly */
    static String question(String question) {
        return "Q: " + question + "\nA:";
    }

    /** @return the source text: header, then blocks */
    static String source(String header, List<String> blocks) {
        return header + BbhPrompts.joinBlocks(blocks);
    }
}
