package org.example.arithmetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Instance;
import org.imlbench.api.OptionKey;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSink;
import org.imlbench.api.TaskSource;
import org.imlbench.api.TaskSourceInfo;

/**
 * Generates two small arithmetic tasks: {@code arithmetic/addition} (generation, category "Arithmetic") and
 * {@code arithmetic/parity} (two options, category "Number Properties"). Use it with {@code --tasks arithmetic};
 * {@code --task-option instances=N} sets the number of instances per task (default 20).
 */
public final class ArithmeticTasks implements TaskCategoryProvider {
    /** Declared, so that the harness lists it and refuses misspelled keys; read with {@code options().get}. */
    private static final OptionKey<Integer> INSTANCES = OptionKey.integer("instances", "instances per task", 20, 1);

    @Override
    public String name() {
        return "arithmetic";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "Generated addition and parity tasks (example plugin)";
    }

    @Override
    public List<OptionKey<?>> declaredOptions() {
        return List.of(INSTANCES);
    }

    @Override
    public TaskSourceInfo read(TaskSource source, TaskSink sink) throws TaskLoadException {
        int count = source.options().get(INSTANCES);
        // One generator, seeded from the run's seed, so every run with the same seed sees the same tasks.
        SplittableRandom random = new SplittableRandom(source.seed());
        List<Instance> sums = new ArrayList<>();
        List<Instance> parities = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(100);
            int b = random.nextInt(100);
            sums.add(Instance.generation("add-" + i, a + " + " + b, List.of(Integer.toString(a + b))));
            int n = random.nextInt(1000);
            parities.add(Instance.choice("parity-" + i, Integer.toString(n), n % 2 == 0 ? "even" : "odd",
                    List.of("even", "odd")));
        }
        // Hand each task over as soon as it is complete: the harness keeps only what its splits need.
        sink.accept(new Task("arithmetic/addition", "Arithmetic", "arithmetic", "Add the two numbers.",
                List.of(), sums, Map.of()));
        sink.accept(new Task("arithmetic/parity", "Number Properties", "arithmetic", "Is the number even or odd?",
                List.of(), parities, Map.of()));
        return TaskSourceInfo.none();
    }
}
