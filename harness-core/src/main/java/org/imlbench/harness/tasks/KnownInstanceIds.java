package org.imlbench.harness.tasks;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.imlbench.api.KnownInstances;

/**
 * Every (task, instance) id pair of the loaded tasks, kept as one sorted array of 64-bit id hashes per task: 8 bytes
 * per instance, so that the 18 million instances of OPT-IML Bench take 144 MB. A pair that was loaded is always found;
 * one that was not is found only if its id's hash equals a loaded id's of the same task (about one chance in 10^14 for
 * a task of 100,000 instances), which for replayed predictions means a stray record is scored as missing instead of
 * refused.
 */
public final class KnownInstanceIds implements KnownInstances {
    private final Map<String, long[]> hashesByTask = new HashMap<>();
    private final Set<String> taskIds = new LinkedHashSet<>();

    /**
     * @param taskId a loaded task
     * @param idHashes {@link TextHash#of} each of its instance ids, in any order (the array is sorted and kept)
     */
    void add(String taskId, long[] idHashes) {
        Arrays.sort(idHashes);
        hashesByTask.put(taskId, idHashes);
        taskIds.add(taskId);
    }

    @Override
    public Set<String> taskIds() {
        return Collections.unmodifiableSet(taskIds);
    }

    @Override
    public boolean contains(String taskId, String instanceId) {
        long[] hashes = hashesByTask.get(taskId);
        return hashes != null && Arrays.binarySearch(hashes, TextHash.of(instanceId)) >= 0;
    }
}
