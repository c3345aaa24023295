package org.imlbench.rundir;

import java.util.List;
import java.util.Map;

/**
 * The parts of a run's {@code run.json} that reports show.
 *
 * @param id the run's id
 * @param created when the run started (ISO-8601), or null
 * @param command what the run did
 * @param models model role ({@code base}, {@code tuned}, {@code model}) to model
 * @param format the prompt format's name
 * @param shots the number of demonstrations per prompt
 * @param seed the run's seed (also seeds the bootstrap)
 * @param tasks the task sources, as {@code KIND[=PATH]}
 * @param versions component versions (imlbench, java, djl, ...)
 * @param gitCommit the commit the harness was built from, or null
 * @param devices the devices the run used
 * @param headlineMetric the metric the run asked categories and splits to aggregate ({@code --headline-metric}), or
 *                       null for the default rule
 */
public record RunInfo(String id, String created, RunMode command, Map<String, ModelRef> models, String format,
                      int shots, long seed, List<String> tasks, Map<String, String> versions, String gitCommit,
                      String devices, String headlineMetric) {
    /** Copies the collections. */
    public RunInfo {
        models = Sorted.copy(models == null ? Map.of() : models);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        versions = Sorted.copy(versions == null ? Map.of() : versions);
    }

    /**
     * The name of the model playing a role.
     *
     * @param role the role
     * @return the model's name, or the role itself when run.json does not name it
     */
    public String modelName(String role) {
        ModelRef model = models.get(role);
        return model == null ? role : model.name();
    }
}
