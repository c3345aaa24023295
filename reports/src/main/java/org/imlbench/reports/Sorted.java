package org.imlbench.reports;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Immutable maps sorted by key, so that summary.json is byte-for-byte reproducible (Map.copyOf's order is not). */
final class Sorted {
    private Sorted() {
    }

    static <V> SortedMap<String, V> copy(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
