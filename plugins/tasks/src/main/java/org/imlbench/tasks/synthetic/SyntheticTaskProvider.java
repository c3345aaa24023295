package org.imlbench.tasks.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Instance;
import org.imlbench.api.OptionKey;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSink;
import org.imlbench.api.TaskSource;
import org.imlbench.api.TaskSourceInfo;
import org.imlbench.api.UsageException;
import org.imlbench.tasks.io.Resources;

/**
 * {@code --tasks synthetic}: an embedded suite of 8 categories × 3 small tasks (string transformation, arithmetic,
 * boolean logic, comparison, counting, extraction, sequence completion, keyword sentiment), mixing option and
 * generation tasks, generated from the run's seed so that a fresh machine can run the whole pipeline without
 * downloads. Inputs and answers are short so that a tiny byte-level model can learn them in minutes.
 *
 * <p>Options: {@code --task-option instances=N} (default {@value #DEFAULT_INSTANCES}) instances per task. Each task
 * draws from its own {@link Random} seeded by the run's seed and the task's name, so the same seed gives
 * byte-identical instances and adding a task never changes the others. Inputs are unique within a task.
 */
public final class SyntheticTaskProvider implements TaskCategoryProvider {
    /** Instances per task unless {@code instances} is set. */
    public static final int DEFAULT_INSTANCES = 300;
    private static final int MAX_INSTANCES = 100_000;
    private static final OptionKey<Integer> INSTANCES = OptionKey.integer("instances", "instances per task",
            DEFAULT_INSTANCES, 2, MAX_INSTANCES);
    /** How many draws per wanted instance before giving up on finding new unique inputs. */
    private static final int ATTEMPTS_PER_INSTANCE = 50;

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "embedded generated suite: 8 categories x 3 tasks from the seed (--task-option instances=N)";
    }

    @Override
    public List<OptionKey<?>> declaredOptions() {
        return List.of(INSTANCES);
    }

    @Override
    public TaskSourceInfo read(TaskSource source, TaskSink sink) throws TaskLoadException {
        if (source.path().isPresent()) {
            throw new UsageException("--tasks synthetic takes no path: use --tasks synthetic");
        }
        int count = source.options().get(INSTANCES);
        for (SyntheticTask definition : definitions()) {
            sink.accept(generate(definition, source.seed(), count));
        }
        return TaskSourceInfo.withSplitSpec(Resources.text(SyntheticTaskProvider.class, "synthetic-split.json"));
    }

    /** @return every task definition, in a fixed order */
    static List<SyntheticTask> definitions() {
        return Stream.of(TextTasks.all(), NumberTasks.all(), LogicTasks.all()).flatMap(List::stream).toList();
    }

    private static Task generate(SyntheticTask definition, long seed, int count) throws TaskLoadException {
        // String.hashCode is specified by the JLS and java.util.Random's algorithm by its Javadoc: stable everywhere
        Random random = new Random(seed * 0x9E3779B97F4A7C15L ^ definition.name().hashCode());
        Set<String> seen = new LinkedHashSet<>();
        List<Instance> instances = new ArrayList<>(count);
        for (int attempt = 0; instances.size() < count && attempt < count * ATTEMPTS_PER_INSTANCE; attempt++) {
            SyntheticTask.Example example = definition.generator().next(random);
            if (!seen.add(example.input())) {
                continue;
            }
            String id = definition.name() + "/" + instances.size();
            instances.add(new Instance(id, example.input(), List.of(example.answer()), example.options(), Map.of()));
        }
        if (instances.size() < count) {
            throw new TaskLoadException("synthetic/" + definition.name(), "only " + instances.size()
                    + " distinct inputs exist; ask for fewer instances");
        }
        return new Task("synthetic/" + definition.name(), definition.category(), "synthetic",
                definition.instruction(), List.of(), instances, Map.of());
    }
}
