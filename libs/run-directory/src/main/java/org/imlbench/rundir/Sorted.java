package org.imlbench.rundir;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Immutable maps sorted by key, so that summary.json is byte-for-byte reproducible (Map.copyOf's order is not). */
public final class Sorted {
    private Sorted() {
    }

    /**
     * @param map a map
     * @param <V> the value type
     * @return an unmodifiable copy sorted by key
     */
    public static <V> SortedMap<String, V> copy(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
