package org.imlbench.reports;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.imlbench.rundir.Role;
import org.imlbench.rundir.RunInfo;
import org.imlbench.rundir.Split;

/**
 * Everything a run's reports show: per task, per category and per split, for every model, with bootstrap
 * confidence intervals and paired tuned − base differences. Written as {@code summary.json} by {@link Summaries}.
 *
 * @param run what the run was (from run.json)
 * @param method how the numbers were computed
 * @param tasks every evaluated task, ordered by split, category and task id
 * @param categories every category of every split
 * @param splits every split
 */
public record RunSummary(RunInfo run, Method method, List<TaskSummary> tasks, List<GroupSummary> categories,
                         List<GroupSummary> splits) {
    /** Copies the lists. */
    public RunSummary {
        tasks = List.copyOf(tasks);
        categories = List.copyOf(categories);
        splits = List.copyOf(splits);
    }

    /** @return the evaluated splits, in report order */
    public List<Split> splitNames() {
        return splits.stream().map(GroupSummary::split).toList();
    }

    /**
     * The tasks of a split.
     *
     * @param split the split
     * @return its tasks, in report order
     */
    public List<TaskSummary> tasksOf(Split split) {
        return tasks.stream().filter(t -> t.split().equals(split)).toList();
    }

    /**
     * The categories of a split.
     *
     * @param split the split
     * @return its category aggregates, in name order
     */
    public List<GroupSummary> categoriesOf(Split split) {
        return categories.stream().filter(c -> c.split().equals(split)).toList();
    }

    /**
     * A split's aggregate.
     *
     * @param split the split
     * @return it, if the run evaluated that split
     */
    public Optional<GroupSummary> split(Split split) {
        return splits.stream().filter(s -> s.split().equals(split)).findFirst();
    }

    /** @return the model roles in report order: base, tuned, then any other role alphabetically */
    public List<String> roles() {
        Set<String> roles = tasks.stream().flatMap(t -> t.results().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        return Roles.ordered(roles);
    }

    /** @return true when the run compares a base and a tuned model */
    public boolean compares() {
        List<String> roles = roles();
        return roles.contains(Role.BASE.id()) && roles.contains(Role.TUNED.id());
    }
}
