package org.imlbench.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every (task, instance) id pair of the loaded tasks, evaluated or not, for models that replay recorded outputs and
 * must refuse records matching nothing ({@link LanguageModel#expect}). At OPT-IML Bench scale that is millions of
 * pairs, so the harness keeps them compactly and answers membership questions rather than handing out sets.
 */
public interface KnownInstances {
    /** @return the ids of every loaded task */
    Set<String> taskIds();

    /**
     * @param taskId a task id
     * @param instanceId an instance id
     * @return whether that task was loaded with that instance
     */
    boolean contains(String taskId, String instanceId);

    /**
     * Holds a few ids in memory (tests, small tools).
     *
     * @param instanceIdsByTask instance ids keyed by task id
     * @return them as known instances
     */
    static KnownInstances of(Map<String, Set<String>> instanceIdsByTask) {
        Map<String, Set<String>> copy = new HashMap<>();
        instanceIdsByTask.forEach((task, ids) -> copy.put(task, Set.copyOf(ids)));
        Set<String> tasks = Set.copyOf(copy.keySet());
        return new KnownInstances() {
            @Override
            public Set<String> taskIds() {
                return tasks;
            }

            @Override
            public boolean contains(String taskId, String instanceId) {
                return copy.getOrDefault(taskId, Set.of()).contains(instanceId);
            }
        };
    }
}
