package org.imlbench.harness.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.ModelInfo;
import org.imlbench.rundir.Role;
import org.imlbench.rundir.RunMode;

/**
 * The content of {@code run.json}: the resolved configuration (under {@code config}, what {@code --config} reads
 * back) and the facts the reports show (models as loaded, versions, git commit). Field names are the run-directory
 * contract.
 *
 * @param id the run id
 * @param created when the run started (ISO-8601)
 * @param command what the run does
 * @param config the resolved configuration
 * @param models role → what the loaded model said about itself
 * @param format the prompt format
 * @param shots demonstrations per prompt
 * @param seed the seed
 * @param tasks the task sources
 * @param versions versions of imlbench, Java and the engine
 * @param gitCommit the commit of the working tree the harness runs from, or null
 * @param devices the device setting
 * @param headlineMetric the metric categories and splits aggregate, or null for the default rule
 */
public record RunManifest(String id, String created, RunMode command, RunConfig config, Map<String, ModelInfo> models,
                          String format, int shots, long seed, List<String> tasks, Map<String, String> versions,
                          @JsonProperty("git_commit") String gitCommit, String devices,
                          @JsonProperty("headline_metric") String headlineMetric) {

    /**
     * A manifest for a new run, with no model loaded yet.
     *
     * @param id the run id
     * @param created the start time
     * @param config the configuration
     * @param versions the versions
     * @param gitCommit the commit or null
     * @return the manifest
     */
    public static RunManifest start(String id, String created, RunConfig config, Map<String, String> versions,
                                    String gitCommit) {
        return new RunManifest(id, created, config.command(), config, Map.of(), config.format(), config.shots(),
                config.seed(), config.tasks(), versions, gitCommit, config.device(), config.headlineMetric());
    }

    /**
     * The same manifest with one more loaded model.
     *
     * @param role the model's role
     * @param info what it said about itself
     * @return the new manifest
     */
    public RunManifest withModel(Role role, ModelInfo info) {
        Map<String, ModelInfo> all = new LinkedHashMap<>(models);
        all.put(role.id(), info);
        return new RunManifest(id, created, command, config, all, format, shots, seed, tasks, versions, gitCommit,
                devices, headlineMetric);
    }
}
