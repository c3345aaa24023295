package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.imlbench.api.Instance;
import org.imlbench.api.SourceSplitRole;
import org.imlbench.api.Task;
import org.imlbench.harness.tasks.InputGroups;
import org.imlbench.harness.tasks.LoadedTask;
import org.imlbench.harness.tasks.LoadedTasks;
import org.imlbench.harness.tasks.TextHash;
import org.imlbench.rundir.Split;

/**
 * Cuts loaded tasks into {@link Splits} by a {@link SplitSpec}, deterministically: the result depends only on the
 * tasks, the spec and the seed (each task's random draws are seeded by the seed and the task id, so neither task order
 * nor other tasks change them).
 *
 * <ol>
 *   <li>Excluded tasks are dropped: the spec's {@code excludedTasks}, and with {@code useSourceSplitRoles} the tasks
 *       their source marks {@link SourceSplitRole#EXCLUDED}.</li>
 *   <li>Tasks of {@code heldOutCategories} form the fully held-out split.</li>
 *   <li>Tasks in {@code heldOutTasks} (and with {@code useSourceSplitRoles} those their source marks
 *       {@link SourceSplitRole#HELD_OUT}) form the partially supervised split; one whose category has no tuned task is
 *       moved to fully held out, with a note.</li>
 *   <li>Every other task is tuned: {@code evalInstancesPerTunedTask} of its instances (at most half) are drawn with
 *       the seed for the fully-supervised split, instances with the same input always landing on the same side; of
 *       the rest, at most {@code trainCapPerTask} drawn with the seed are its training instances.</li>
 *   <li>Held-out tasks are evaluated on at most {@code evalCapPerTask} instances ({@code evalCapPerSource} for their
 *       source), the first ones or a seeded sample.</li>
 * </ol>
 *
 * <p>Each task is cut from what loading kept of it (instance count, groups of equal inputs), never from its texts:
 * only the instances a split evaluates are read back from the instance store.
 */
public final class SplitBuilder {
    private SplitBuilder() {
    }

    /**
     * @param loaded the loaded tasks (ids unique)
     * @param spec the split spec
     * @param seed the run's seed
     * @return the splits
     */
    public static Splits build(LoadedTasks loaded, SplitSpec spec, long seed) {
        List<LoadedTask> tasks = loaded.tasks();
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
        List<LoadedTask> fullyHeldOut = new ArrayList<>();
        List<LoadedTask> partial = new ArrayList<>();
        List<LoadedTask> tuned = new ArrayList<>();
        for (LoadedTask task : tasks) {
            Optional<SourceSplitRole> role = spec.useSourceSplitRoles() ? task.role() : Optional.empty();
            if (excludedIds.contains(task.id()) || role.equals(Optional.of(SourceSplitRole.EXCLUDED))) {
                excluded.add(task.id());
            } else if (heldOutCategories.contains(task.category())) {
                fullyHeldOut.add(task);
            } else if (heldOutTasks.contains(task.id()) || role.equals(Optional.of(SourceSplitRole.HELD_OUT))) {
                partial.add(task);
            } else {
                tuned.add(task);
            }
        }
        // the one decision that needs every task: a held-out task whose category nothing tunes is fully held out
        Set<String> tunedCategories = new HashSet<>();
        tuned.forEach(t -> tunedCategories.add(t.category()));
        List<LoadedTask> partiallySupervised = new ArrayList<>();
        for (LoadedTask task : partial) {
            if (tunedCategories.contains(task.category())) {
                partiallySupervised.add(task);
            } else {
                notes.add(task.id() + " is held out but no tuned task has its category \"" + task.category()
                        + "\": evaluated as fully held out");
                fullyHeldOut.add(task);
            }
        }
        fullyHeldOut.sort(Comparator.comparingInt(LoadedTask::order));

        Materializer materializer = new Materializer(loaded);
        List<Splits.TrainedTask> train = new ArrayList<>();
        List<Task> fullySupervised = new ArrayList<>();
        for (LoadedTask task : tuned) {
            TunedCut cut = cutTuned(task, spec, seed);
            if (cut.evaluation().length == 0) {
                notes.add(task.id() + " has " + task.size() + (task.size() > 1 && task.inputs().count() == 1
                        ? " instances that share one input" : " instance(s)")
                        + ": all used for training, none for evaluation");
            } else {
                fullySupervised.add(materializer.evaluated(task, cut.evaluation()));
            }
            train.add(new Splits.TrainedTask(task, cut.training()));
            materializer.pool(task, cut.training());
        }
        Map<Split, List<Task>> evaluation = new EnumMap<>(Split.class);
        evaluation.put(Split.FULLY_HELD_OUT, capHeldOut(fullyHeldOut, spec, seed, materializer));
        evaluation.put(Split.PARTIALLY_SUPERVISED, capHeldOut(partiallySupervised, spec, seed, materializer));
        evaluation.put(Split.FULLY_SUPERVISED, fullySupervised);
        return new Splits(loaded, spec, seed, train, evaluation, materializer.pools, materializer.positions, excluded,
                notes);
    }

    /** Reads evaluated instances from the store and records pools and positions. */
    private static final class Materializer {
        private final LoadedTasks loaded;
        private final Map<String, Splits.DemonstrationPool> pools = new LinkedHashMap<>();
        private final Map<String, Map<String, Integer>> positions = new HashMap<>();

        Materializer(LoadedTasks loaded) {
            this.loaded = loaded;
        }

        Task evaluated(LoadedTask task, int[] indices) {
            List<Instance> instances = loaded.instances(task, indices);
            Map<String, Integer> byId = new HashMap<>();
            for (int i = 0; i < instances.size(); i++) {
                byId.put(instances.get(i).id(), indices == null ? i : indices[i]);
            }
            positions.put(task.id(), byId);
            return task.withInstances(instances);
        }

        void pool(LoadedTask task, int[] members) {
            long[] all = loaded.inputHashes(task);
            long[] hashes = all;
            if (members != null) {
                hashes = new long[members.length];
                for (int i = 0; i < members.length; i++) {
                    hashes[i] = all[members[i]];
                }
            }
            pools.put(task.id(), new Splits.DemonstrationPool(task, members, hashes));
        }
    }

    /** A tuned task's cut: positions of its training and of its evaluated instances, both sorted. */
    private record TunedCut(int[] training, int[] evaluation) {
    }

    private static TunedCut cutTuned(LoadedTask task, SplitSpec spec, long seed) {
        int n = task.size();
        int wanted = Math.min(spec.evalInstancesPerTunedTask(), n / 2);
        // instances with the same input go to the same side, so an evaluation input is never a training input
        InputGroups inputs = task.inputs();
        int[][] groups = inputs.groupOf() == null ? null : inputs.members();
        int[] order = identity(inputs.count());
        shuffle(order, random(seed, task.id(), "evaluation"));
        boolean[] evaluated = new boolean[n];
        int taken = 0;
        for (int g : order) {
            if (taken >= wanted) {
                break;
            }
            int size = groups == null ? 1 : groups[g].length;
            if (size >= n - taken) {
                continue; // a tuned task keeps training instances: one input shared by all of them stays in training
            }
            if (size > wanted - taken && taken > 0) {
                continue; // a large group of duplicates would overshoot; try smaller ones
            }
            if (groups == null) {
                evaluated[g] = true;
            } else {
                for (int i : groups[g]) {
                    evaluated[i] = true;
                }
            }
            taken += size;
        }
        int[] evaluation = new int[taken];
        int[] training = new int[n - taken];
        int e = 0;
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (evaluated[i]) {
                evaluation[e++] = i;
            } else {
                training[t++] = i;
            }
        }
        if (spec.trainCapPerTask() > 0 && training.length > spec.trainCapPerTask()) {
            shuffle(training, random(seed, task.id(), "training"));
            training = Arrays.copyOf(training, spec.trainCapPerTask());
            Arrays.sort(training);
        }
        return new TunedCut(training, evaluation);
    }

    private static List<Task> capHeldOut(List<LoadedTask> tasks, SplitSpec spec, long seed,
                                         Materializer materializer) {
        List<Task> out = new ArrayList<>();
        for (LoadedTask task : tasks) {
            materializer.pool(task, null);
            int n = task.size();
            int cap = spec.evalCap(task.source());
            int[] chosen;
            if (cap == 0 || n <= cap) {
                chosen = null;
            } else if (spec.heldOutSelection() == SplitSpec.Selection.FIRST) {
                chosen = identity(cap);
            } else {
                int[] indices = identity(n);
                shuffle(indices, random(seed, task.id(), "held-out"));
                chosen = Arrays.copyOf(indices, cap);
                Arrays.sort(chosen);
            }
            out.add(materializer.evaluated(task, chosen));
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /**
     * Shuffles exactly as {@link java.util.Collections#shuffle(List, Random)} shuffles a list of the same length, so
     * that cutting positions draws what cutting lists of instances drew before.
     */
    static void shuffle(int[] values, Random random) {
        for (int i = values.length; i > 1; i--) {
            int j = random.nextInt(i);
            int swap = values[i - 1];
            values[i - 1] = values[j];
            values[j] = swap;
        }
    }

    /** @return whitespace-collapsed, trimmed text: what counts as "the same input" ({@link TextHash#normalize}) */
    static String normalize(String text) {
        return TextHash.normalize(text);
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
