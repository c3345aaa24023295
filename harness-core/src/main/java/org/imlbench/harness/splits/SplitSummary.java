package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.imlbench.api.Task;

/**
 * Task and instance counts of the training set and each evaluation split, per category: what
 * {@code harness tasks} prints.
 *
 * @param parts {@code train} then each evaluation split id, in report order, with their counts
 */
public record SplitSummary(Map<String, Part> parts) {
    /** The name of the training part. */
    public static final String TRAIN = "train";

    /** Copies the map, keeping its order. */
    public SplitSummary {
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /**
     * The counts of one part.
     *
     * @param name {@code train} or a split id
     * @param tasks how many tasks
     * @param instances how many instances
     * @param categories per category, sorted by name
     */
    public record Part(String name, int tasks, long instances, List<CategoryCount> categories) {
        /** Copies the list. */
        public Part {
            categories = List.copyOf(categories);
        }
    }

    /**
     * The counts of one category within a part.
     *
     * @param category the category
     * @param tasks how many tasks
     * @param optionTasks tasks whose every instance has answer options
     * @param generationTasks tasks without any options
     * @param mixedTasks tasks with some option and some generation instances
     * @param instances how many instances
     */
    public record CategoryCount(String category, int tasks, int optionTasks, int generationTasks, int mixedTasks,
                                long instances) {
    }

    /** What kind of answers a task's instances have. */
    public enum AnswerKind {
        /** Every instance has options (rank classification). */
        OPTION,
        /** No instance has options. */
        GENERATION,
        /** Some have, some have not. */
        MIXED;

        /**
         * @param task a task
         * @return its kind
         */
        public static AnswerKind of(Task task) {
            return of(task.instances().size(), task.instances().stream().filter(i -> i.hasOptions()).count());
        }

        /**
         * @param instances how many instances a task has
         * @param withOptions how many of them have answer options
         * @return its kind
         */
        public static AnswerKind of(long instances, long withOptions) {
            return withOptions == instances ? OPTION : withOptions == 0 ? GENERATION : MIXED;
        }

        /** @return the kind in lower case, for JSON */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param splits the splits
     * @return their counts
     */
    public static SplitSummary of(Splits splits) {
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put(TRAIN, part(TRAIN, splits.train().stream().map(t -> new Counted(t.task().category(),
                AnswerKind.of(t.size(), t.task().optionInstances(t.indices())), t.size())).toList()));
        splits.evaluation().forEach((split, tasks) -> parts.put(split.id(), part(split.id(), tasks.stream()
                .map(t -> new Counted(t.category(), AnswerKind.of(t), t.instances().size())).toList())));
        return new SplitSummary(parts);
    }

    /** One task of a part: its category, kind of answers and instance count. */
    private record Counted(String category, AnswerKind kind, int instances) {
    }

    private static Part part(String name, List<Counted> tasks) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Long> instances = new TreeMap<>();
        long total = 0;
        for (Counted task : tasks) {
            int[] c = counts.computeIfAbsent(task.category(), k -> new int[4]);
            c[0]++;
            c[1 + task.kind().ordinal()]++;
            instances.merge(task.category(), (long) task.instances(), Long::sum);
            total += task.instances();
        }
        List<CategoryCount> categories = new ArrayList<>();
        counts.forEach((category, c) -> categories.add(new CategoryCount(category, c[0], c[1], c[2], c[3],
                instances.get(category))));
        return new Part(name, tasks.size(), total, categories);
    }
}
