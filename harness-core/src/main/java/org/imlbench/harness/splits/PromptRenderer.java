package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.api.TrainingExample;

/**
 * Renders evaluation prompts with demonstrations drawn by a {@link DemonstrationSampler}, and training examples
 * (zero-shot) for tuning.
 */
public final class PromptRenderer {
    private final Splits splits;
    private final DemonstrationSampler sampler;

    /** @param splits the splits whose pools supply demonstrations */
    public PromptRenderer(Splits splits) {
        this.splits = splits;
        this.sampler = new DemonstrationSampler(splits);
    }

    /**
     * Renders one evaluation instance.
     *
     * @param format the prompt format
     * @param evalTask the evaluated task (as found in an evaluation split)
     * @param instance the instance
     * @param shots how many demonstrations ({@code --shots})
     * @param seed the run's seed
     * @return the rendered prompt
     * @throws IllegalArgumentException when the format cannot render the task or the task is not in the splits
     */
    public RenderedPrompt render(PromptFormat format, Task evalTask, Instance instance, int shots, long seed) {
        if (!format.supports(evalTask)) {
            throw new IllegalArgumentException("prompt format " + format.name() + " cannot render task "
                    + evalTask.id());
        }
        List<Instance> demonstrations = sampler.sample(evalTask, instance, shots, seed);
        return format.render(new PromptContext(evalTask, instance, shots, demonstrations));
    }

    /**
     * Renders the training split zero-shot: one example per training instance, source and target as the format
     * gives them.
     *
     * @param format the prompt format
     * @return the examples, task by task in load order
     * @throws IllegalArgumentException when the format cannot render a training task
     */
    public List<TrainingExample> trainingExamples(PromptFormat format) {
        List<TrainingExample> out = new ArrayList<>();
        for (Task task : splits.train()) {
            if (!format.supports(task)) {
                throw new IllegalArgumentException("prompt format " + format.name() + " cannot render training task "
                        + task.id());
            }
            for (Instance instance : task.instances()) {
                RenderedPrompt prompt = format.render(new PromptContext(task, instance, 0, List.of()));
                out.add(new TrainingExample(task.id(), prompt.source(), prompt.target()));
            }
        }
        return out;
    }
}
