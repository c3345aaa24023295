package org.example.arithmetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.api.TaskSuite;

/**
 * Generates two small arithmetic tasks: {@code arithmetic/addition} (generation, category "Arithmetic") and
 * {@code arithmetic/parity} (two options, category "Number Properties"). Use it with {@code --tasks arithmetic};
 * {@code --task-option instances=N} sets the number of instances per task (default 20).
 */
public final class ArithmeticTasks implements TaskCategoryProvider {
    private static final int DEFAULT_INSTANCES = 20;

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
    public TaskSuite load(TaskSource source) throws TaskLoadException {
        int count = instances(source);
        // One generator per task, seeded from the run's seed, so every run with the same seed sees the same tasks.
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
        List<Task> tasks = List.of(
                new Task("arithmetic/addition", "Arithmetic", "arithmetic", "Add the two numbers.",
                        List.of(), sums, Map.of()),
                new Task("arithmetic/parity", "Number Properties", "arithmetic",
                        "Is the number even or odd?", List.of(), parities, Map.of()));
        return new TaskSuite(tasks, List.of(), Optional.empty());
    }

    private static int instances(TaskSource source) throws TaskLoadException {
        String text = source.options().getOrDefault("instances", Integer.toString(DEFAULT_INSTANCES));
        try {
            int count = Integer.parseInt(text);
            if (count < 1) {
                throw new TaskLoadException("arithmetic", "option instances must be at least 1, got " + count);
            }
            return count;
        } catch (NumberFormatException e) {
            throw new TaskLoadException("arithmetic", "option instances is not a number: '" + text + "'");
        }
    }
}
