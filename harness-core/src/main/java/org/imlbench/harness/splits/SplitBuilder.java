package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.rundir.Split;

/**
 * Cuts tasks into {@link Splits} by a {@link SplitSpec}, deterministically: the result depends only on the tasks,
 * the spec and the seed (each task's random draws are seeded by the seed and the task id, so neither task order nor
 * other tasks change them).
 *
 * <ol>
 *   <li>Excluded tasks are dropped.</li>
 *   <li>Tasks of {@code heldOutCategories} form the fully held-out split.</li>
 *   <li>Tasks in {@code heldOutTasks} (and NIv2 test-list tasks when {@code useNiv2SplitLists}) form the partially
 *       supervised split; one whose category has no tuned task is moved to fully held out, with a note.</li>
 *   <li>Every other task is tuned: {@code evalInstancesPerTunedTask} of its instances (at most half) are drawn with
 *       the seed for the fully-supervised split, instances with the same input always landing on the same side; of
 *       the rest, at most {@code trainCapPerTask} drawn with the seed are its training instances.</li>
 *   <li>Held-out tasks are evaluated on at most {@code evalCapPerTask} instances ({@code evalCapPerSource} for their
 *       source), the first ones or a seeded sample.</li>
 * </ol>
 */
public final class SplitBuilder {
    private SplitBuilder() {
    }

    /**
     * @param tasks the loaded tasks (ids unique)
     * @param spec the split spec
     * @param seed the run's seed
     * @return the splits
     */
    public static Splits build(List<Task> tasks, SplitSpec spec, long seed) {
        List<String> notes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> categories = new HashSet<>();
        tasks.forEach(t -> {
            ids.add(t.id());
            categories.add(t.category());
        });
        spec.heldOutCategories().stream().filter(c -> !categories.contains(c)).forEach(c ->
                notes.add("held-out category \"" + c + "\" has no loaded task"));
        spec.heldOutTasks().stream().filter(id -> !ids.contains(id)).forEach(id ->
                notes.add("held-out task " + id + " is not loaded"));
        spec.excludedTasks().stream().filter(id -> !ids.contains(id)).forEach(id ->
                notes.add("excluded task " + id + " is not loaded"));

        Set<String> heldOutCategories = new HashSet<>(spec.heldOutCategories());
        Set<String> heldOutTasks = new HashSet<>(spec.heldOutTasks());
        Set<String> excludedIds = new LinkedHashSet<>(spec.excludedTasks());
        List<String> excluded = new ArrayList<>();
        List<Task> fullyHeldOut = new ArrayList<>();
        List<Task> partial = new ArrayList<>();
        List<Task> tuned = new ArrayList<>();
        for (Task task : tasks) {
            String niv2Split = spec.useNiv2SplitLists() ? task.attributes().get(SplitSpec.NIV2_SPLIT_ATTRIBUTE) : null;
            if (excludedIds.contains(task.id()) || "excluded".equals(niv2Split)) {
                excluded.add(task.id());
            } else if (heldOutCategories.contains(task.category())) {
                fullyHeldOut.add(task);
            } else if (heldOutTasks.contains(task.id()) || "test".equals(niv2Split)) {
                partial.add(task);
            } else {
                tuned.add(task);
            }
        }
        Set<String> tunedCategories = new HashSet<>();
        tuned.forEach(t -> tunedCategories.add(t.category()));
        List<Task> partiallySupervised = new ArrayList<>();
        for (Task task : partial) {
            if (tunedCategories.contains(task.category())) {
                partiallySupervised.add(task);
            } else {
                notes.add(task.id() + " is held out but no tuned task has its category \"" + task.category()
                        + "\": evaluated as fully held out");
                fullyHeldOut.add(task);
            }
        }
        Map<String, Integer> loadOrder = new java.util.HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            loadOrder.put(tasks.get(i).id(), i);
        }
        fullyHeldOut.sort(java.util.Comparator.comparingInt(t -> loadOrder.get(t.id())));

        Map<String, Task> pools = new LinkedHashMap<>();
        List<Task> train = new ArrayList<>();
        List<Task> fullySupervised = new ArrayList<>();
        for (Task task : tuned) {
            TunedTask cut = cutTuned(task, spec, seed);
            if (cut.evaluation().isEmpty()) {
                notes.add(task.id() + " has " + task.instances().size()
                        + " instance(s): all used for training, none for evaluation");
            } else {
                fullySupervised.add(task.withInstances(cut.evaluation()));
            }
            Task trainTask = task.withInstances(cut.training());
            train.add(trainTask);
            pools.put(task.id(), trainTask);
        }
        Map<Split, List<Task>> evaluation = new EnumMap<>(Split.class);
        evaluation.put(Split.FULLY_HELD_OUT, capHeldOut(fullyHeldOut, spec, seed, pools));
        evaluation.put(Split.PARTIALLY_SUPERVISED, capHeldOut(partiallySupervised, spec, seed, pools));
        evaluation.put(Split.FULLY_SUPERVISED, fullySupervised);
        return new Splits(spec, seed, train, evaluation, pools, excluded, notes);
    }

    private record TunedTask(List<Instance> training, List<Instance> evaluation) {
    }

    private static TunedTask cutTuned(Task task, SplitSpec spec, long seed) {
        List<Instance> all = task.instances();
        int wanted = Math.min(spec.evalInstancesPerTunedTask(), all.size() / 2);
        // instances with the same input go to the same side, so an evaluation input is never a training input
        Map<String, List<Integer>> byInput = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            byInput.computeIfAbsent(normalize(all.get(i).input()), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(byInput.values());
        Collections.shuffle(groups, random(seed, task.id(), "evaluation"));
        boolean[] evaluated = new boolean[all.size()];
        int taken = 0;
        for (List<Integer> group : groups) {
            if (taken >= wanted) {
                break;
            }
            if (group.size() > wanted - taken && taken > 0) {
                continue; // a large group of duplicates would overshoot; try smaller ones
            }
            for (int i : group) {
                evaluated[i] = true;
            }
            taken += group.size();
        }
        List<Integer> trainIndices = new ArrayList<>();
        List<Instance> evaluation = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (evaluated[i]) {
                evaluation.add(all.get(i));
            } else {
                trainIndices.add(i);
            }
        }
        if (spec.trainCapPerTask() > 0 && trainIndices.size() > spec.trainCapPerTask()) {
            Collections.shuffle(trainIndices, random(seed, task.id(), "training"));
            trainIndices = new ArrayList<>(trainIndices.subList(0, spec.trainCapPerTask()));
            Collections.sort(trainIndices);
        }
        return new TunedTask(trainIndices.stream().map(all::get).toList(), evaluation);
    }

    private static List<Task> capHeldOut(List<Task> tasks, SplitSpec spec, long seed, Map<String, Task> pools) {
        List<Task> out = new ArrayList<>();
        for (Task task : tasks) {
            pools.put(task.id(), task);
            List<Instance> all = task.instances();
            int cap = spec.evalCap(task);
            if (cap == 0 || all.size() <= cap) {
                out.add(task);
            } else if (spec.heldOutSelection() == SplitSpec.Selection.FIRST) {
                out.add(task.withInstances(all.subList(0, cap)));
            } else {
                List<Integer> indices = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    indices.add(i);
                }
                Collections.shuffle(indices, random(seed, task.id(), "held-out"));
                List<Integer> chosen = new ArrayList<>(indices.subList(0, cap));
                Collections.sort(chosen);
                out.add(task.withInstances(chosen.stream().map(all::get).toList()));
            }
        }
        return out;
    }

    /** @return whitespace-collapsed, trimmed text: what counts as "the same input" */
    static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /** A random source for one purpose of one task: independent of task order and of the other tasks. */
    static Random random(long seed, String taskId, String purpose) {
        long h = 1125899906842597L;
        for (char c : (purpose + "\u0000" + taskId).toCharArray()) {
            h = 31 * h + c;
        }
        return new Random(seed * 0x9E3779B97F4A7C15L ^ h);
    }
}
