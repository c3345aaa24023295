package org.imlbench.harness.tasks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Instance;

/**
 * Which instances of one task have the same input, after {@linkplain TextHash#normalize normalization}: the splits keep
 * such instances on one side (an evaluated input is never a trained one). Groups are numbered in order of first
 * appearance. Most tasks have no repeated input, and then nothing per instance is kept.
 *
 * @param count how many groups there are
 * @param groupOf each instance's group, or null when every instance is a group of its own
 */
public record InputGroups(int count, int[] groupOf) {
    /**
     * Groups a task's instances, comparing hashes first and whole normalized inputs where hashes are equal.
     *
     * @param instances the task's instances
     * @param hashes {@link TextHash#ofNormalized} of each input
     * @return the groups
     */
    public static InputGroups of(List<Instance> instances, long[] hashes) {
        int n = hashes.length;
        int capacity = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
        int mask = capacity - 1;
        long[] keys = new long[capacity];
        int[] firstOf = new int[capacity];
        Arrays.fill(firstOf, -1);
        int[] groupOf = new int[n];
        int groups = 0;
        boolean repeated = false;
        for (int i = 0; i < n; i++) {
            long h = hashes[i];
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (firstOf[slot] >= 0 && keys[slot] != h) {
                slot = (slot + 1) & mask;
            }
            if (firstOf[slot] < 0) {
                keys[slot] = h;
                firstOf[slot] = i;
                groupOf[i] = groups++;
                continue;
            }
            int first = firstOf[slot];
            String firstInput = TextHash.normalize(instances.get(first).input());
            if (!firstInput.equals(TextHash.normalize(instances.get(i).input()))) {
                return exact(instances); // two inputs share a hash: group this task by the texts themselves
            }
            groupOf[i] = groupOf[first];
            repeated = true;
        }
        return repeated ? new InputGroups(groups, groupOf) : new InputGroups(n, null);
    }

    private static InputGroups exact(List<Instance> instances) {
        Map<String, Integer> groups = new HashMap<>();
        int[] groupOf = new int[instances.size()];
        for (int i = 0; i < groupOf.length; i++) {
            groupOf[i] = groups.computeIfAbsent(TextHash.normalize(instances.get(i).input()), k -> groups.size());
        }
        return new InputGroups(groups.size(), groups.size() == groupOf.length ? null : groupOf);
    }

    /**
     * @param instance an instance's position in its task
     * @return its group
     */
    public int group(int instance) {
        return groupOf == null ? instance : groupOf[instance];
    }

    /** @return each group's instances, in instance order, groups in order of first appearance */
    public int[][] members() {
        int n = groupOf == null ? count : groupOf.length;
        int[] sizes = new int[count];
        for (int i = 0; i < n; i++) {
            sizes[group(i)]++;
        }
        int[][] members = new int[count][];
        for (int g = 0; g < count; g++) {
            members[g] = new int[sizes[g]];
        }
        int[] filled = new int[count];
        for (int i = 0; i < n; i++) {
            int g = group(i);
            members[g][filled[g]++] = i;
        }
        return members;
    }
}
