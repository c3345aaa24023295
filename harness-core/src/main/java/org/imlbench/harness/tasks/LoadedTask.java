package org.imlbench.harness.tasks;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.Demonstration;
import org.imlbench.api.Instance;
import org.imlbench.api.SourceSplitRole;
import org.imlbench.api.Task;

/**
 * What the harness keeps in memory of one loaded task: everything but its instances, which are in the
 * {@link LoadedTasks}' instance store, plus what the splits need to know of them (how many, which have answer options,
 * which share an input).
 *
 * @param order the task's position in load order
 * @param argument the position of the {@code --tasks} argument it came from
 * @param id the task id
 * @param category its category
 * @param source its benchmark ({@link Task#source()})
 * @param instruction its instruction
 * @param demonstrations its own worked examples
 * @param attributes its attributes
 * @param role the split role its source suggests, if any
 * @param size how many instances it has
 * @param firstRecord the instance store record of its first instance (the others follow)
 * @param optionInstances how many of its instances have answer options
 * @param optionMask which do, when some do and some do not; null otherwise
 * @param inputs which instances share an input
 */
public record LoadedTask(int order, int argument, String id, String category, String source, String instruction,
                         List<Demonstration> demonstrations, Map<String, String> attributes,
                         Optional<SourceSplitRole> role, int size, long firstRecord, int optionInstances,
                         BitSet optionMask, InputGroups inputs) {
    /**
     * @param instances some of the task's instances
     * @return the task holding them
     */
    public Task withInstances(List<Instance> instances) {
        return new Task(id, category, source, instruction, demonstrations, instances, attributes);
    }

    /**
     * @param indices sorted instance positions, or null for all
     * @return how many of them have answer options
     */
    public int optionInstances(int[] indices) {
        if (indices == null) {
            return optionInstances;
        }
        if (optionMask == null) {
            return optionInstances == 0 ? 0 : indices.length;
        }
        int count = 0;
        for (int i : indices) {
            count += optionMask.get(i) ? 1 : 0;
        }
        return count;
    }
}
