package org.imlbench.templates.promptsource;

/** The task attributes of a PromptSource task, read by the {@code promptsource} prompt format and shown in reports. */
public final class PromptSourceAttributes {
    /** The template's UUID; its presence marks a PromptSource task. */
    public static final String TEMPLATE_ID = "promptsource.template-id";
    /** The template's name. */
    public static final String TEMPLATE_NAME = "promptsource.template";
    /** The templates.yaml it came from. */
    public static final String FILE = "promptsource.file";
    /** {@code metadata.original_task}. */
    public static final String ORIGINAL_TASK = "promptsource.original-task";
    /** {@code metadata.choices_in_prompt}. */
    public static final String CHOICES_IN_PROMPT = "promptsource.choices-in-prompt";
    /** {@code metadata.metrics}, comma-separated. */
    public static final String METRICS = "promptsource.metrics";

    private PromptSourceAttributes() {
    }
}
