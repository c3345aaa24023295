package org.imlbench.templates.format;

import java.util.List;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.templates.promptsource.PromptSourceAttributes;

/**
 * {@code promptsource}: what a PromptSource template gives the model, as lm-evaluation-harness scores it: the
 * template's input part, then {@code " " + choice} for each answer choice (the target {@code " " + target}). With K
 * shots, K of the harness's demonstrations come first, each {@code input + " " + target + "\n\n"}. Generation stops at
 * a blank line. PromptSource tasks only.
 */
public final class PromptSourceFormat implements PromptFormat {
    static final String DELIMITER = " ";
    static final String EXAMPLE_DELIMITER = "\n\n";

    @Override
    public String name() {
        return "promptsource";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "PromptSource prompts: the template's input, then ' ' + each answer choice";
    }

    @Override
    public boolean supports(Task task) {
        return task.attributes().containsKey(PromptSourceAttributes.TEMPLATE_ID);
    }

    @Override
    public RenderedPrompt render(PromptContext context) {
        if (!supports(context.task())) {
            throw new IllegalArgumentException("format promptsource renders PromptSource tasks only, not "
                    + context.task().id());
        }
        StringBuilder source = new StringBuilder();
        for (Instance shot : context.demonstrations().subList(0, Math.min(context.shots(),
                context.demonstrations().size()))) {
            source.append(shot.input()).append(DELIMITER).append(shot.references().get(0)).append(EXAMPLE_DELIMITER);
        }
        Instance instance = context.instance();
        source.append(instance.input());
        return new RenderedPrompt(source.toString(), DELIMITER + instance.references().get(0),
                instance.options().stream().map(o -> DELIMITER + o).toList(), List.of(EXAMPLE_DELIMITER));
    }
}
