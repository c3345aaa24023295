package org.imlbench.harness.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.KnownInstances;
import org.imlbench.api.Task;
import org.imlbench.api.TrainingExample;
import org.imlbench.rundir.Split;

/**
 * What a run evaluates and tunes on, built from the task sources, the split spec and the prompt format.
 *
 * @param evaluation the evaluation splits in report order, each a list of tasks holding only the instances to evaluate
 * @param training the rendered training examples (empty for {@code eval} and for runs given a tuned model)
 * @param prompts renders evaluation instances
 * @param knownInstances every instance id of every loaded task (for replayed predictions)
 */
public record Benchmark(Map<Split, List<Task>> evaluation, List<TrainingExample> training, PromptSource prompts,
                        KnownInstances knownInstances) {
    /** Copies the collections, keeping the split order. */
    public Benchmark {
        evaluation = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evaluation));
        training = List.copyOf(training);
    }

    /** @return how many instances the evaluation splits hold in all */
    public long evaluationInstances() {
        return evaluation.values().stream().flatMap(List::stream).mapToLong(t -> t.instances().size()).sum();
    }
}
