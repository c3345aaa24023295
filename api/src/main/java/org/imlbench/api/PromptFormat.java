package org.imlbench.api;

/**
 * Service interface: turns a task instance into prompt text (source), target text and, for option tasks, one
 * continuation per option. Selected with {@code --format NAME}.
 */
public interface PromptFormat extends Plugin {
    /**
     * Renders one instance.
     *
     * @param context the task, instance and demonstrations
     * @return the rendered prompt; for an option instance {@code continuations} has one entry per option
     */
    RenderedPrompt render(PromptContext context);

    /**
     * Whether this format can render the task (a BBH format may refuse non-BBH tasks).
     *
     * @param task a task
     * @return true when {@link #render} accepts its instances
     */
    default boolean supports(Task task) {
        return true;
    }
}
