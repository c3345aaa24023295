package org.imlbench.templates.promptsource;

import java.util.List;

/**
 * One PromptSource template ({@code promptsource.templates.Template}).
 *
 * @param id its UUID
 * @param name its name, unique within its dataset
 * @param jinja the template: input and target separated by {@code |||}
 * @param answerChoices the answer choices template ({@code |||}-separated), or null for an open-ended template
 * @param originalTask {@code metadata.original_task}: whether it asks for the dataset's own task
 * @param choicesInPrompt {@code metadata.choices_in_prompt}
 * @param metrics {@code metadata.metrics} (Accuracy, BLEU, ROUGE, ...)
 */
public record PromptSourceTemplate(String id, String name, String jinja, String answerChoices, boolean originalTask,
                                   boolean choicesInPrompt, List<String> metrics) {
    /** Copies the list. */
    public PromptSourceTemplate {
        metrics = List.copyOf(metrics);
    }
}
