package org.imlbench.harness.splits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.api.TrainingExample;
import org.imlbench.harness.store.TrainingExampleStore;

/**
 * Renders evaluation prompts with demonstrations drawn by a {@link DemonstrationSampler}, and training examples
 * (zero-shot) for tuning, task by task into a file-backed {@link TrainingExampleStore}: at OPT-IML Bench scale the
 * rendered training set is gigabytes, and never one list.
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
     * Renders the training split zero-shot into a store: one example per training instance, source and target as the
     * format gives them, task by task in load order.
     *
     * @param format the prompt format
     * @param dir the store's folder (whatever it holds is replaced)
     * @return the complete store
     * @throws IOException when the store cannot be written
     * @throws IllegalArgumentException when the format cannot render a training task, or there is no training task
     */
    public TrainingExampleStore trainingExamples(PromptFormat format, Path dir) throws IOException {
        if (splits.train().isEmpty()) {
            throw new IllegalArgumentException("the training split is empty: every category is held out");
        }
        try (TrainingExampleStore.Writer writer = TrainingExampleStore.create(dir)) {
            for (Splits.TrainedTask trained : splits.train()) {
                Task task = splits.trainingTask(trained);
                if (!format.supports(task)) {
                    throw new IllegalArgumentException("prompt format " + format.name()
                            + " cannot render training task " + task.id());
                }
                for (Instance instance : task.instances()) {
                    RenderedPrompt prompt = format.render(new PromptContext(task, instance, 0, List.of()));
                    writer.add(new TrainingExample(task.id(), prompt.source(), prompt.target()));
                }
            }
            return writer.finish();
        }
    }
}
