package org.imlbench.harness.run;

import org.imlbench.api.Instance;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;

/** Renders an evaluation instance with the run's prompt format, shots and seed. */
@FunctionalInterface
public interface PromptSource {
    /**
     * @param task the (split) task the instance belongs to
     * @param instance the instance to render
     * @return the rendered prompt
     */
    RenderedPrompt render(Task task, Instance instance);
}
