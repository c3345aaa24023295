package org.imlbench.harness.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.KnownInstances;
import org.imlbench.api.Task;
import org.imlbench.rundir.Split;

/**
 * What a run evaluates and tunes on, built from the task sources, the split spec and the prompt format. It owns the
 * instance store the training split and the demonstrations are read from: close it when the run ends.
 */
public final class Benchmark implements AutoCloseable {
    private final Map<Split, List<Task>> evaluation;
    private final TrainingSet training;
    private final PromptSource prompts;
    private final KnownInstances knownInstances;
    private final Runnable release;

    /**
     * @param evaluation the evaluation splits in report order, each a list of tasks holding only the instances to
     *                   evaluate
     * @param training the training split (none for {@code eval} and for runs given a tuned model)
     * @param prompts renders evaluation instances
     * @param knownInstances every instance id of every loaded task (for replayed predictions)
     * @param release what closing the benchmark does (deleting the instance store)
     */
    public Benchmark(Map<Split, List<Task>> evaluation, TrainingSet training, PromptSource prompts,
                     KnownInstances knownInstances, Runnable release) {
        this.evaluation = Collections.unmodifiableMap(new LinkedHashMap<>(evaluation));
        this.training = training;
        this.prompts = prompts;
        this.knownInstances = knownInstances;
        this.release = release;
    }

    /** @return the evaluation splits in report order */
    public Map<Split, List<Task>> evaluation() {
        return evaluation;
    }

    /** @return the training split */
    public TrainingSet training() {
        return training;
    }

    /** @return renders evaluation instances */
    public PromptSource prompts() {
        return prompts;
    }

    /** @return every instance id of every loaded task */
    public KnownInstances knownInstances() {
        return knownInstances;
    }

    /** @return how many instances the evaluation splits hold in all */
    public long evaluationInstances() {
        return evaluation.values().stream().flatMap(List::stream).mapToLong(t -> t.instances().size()).sum();
    }

    /** Releases the instance store. */
    @Override
    public void close() {
        release.run();
    }
}
