package org.imlbench.templates.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The filters PromptSource adds to Jinja2's: {@code choice}, {@code most_frequent} and {@code highlight}. */
final class PromptSourceFilters {
    private PromptSourceFilters() {
    }

    static List<Filter> all() {
        return List.of(
                // random.choice: drawn from the render's seeded generator, so that every run renders alike
                new PyFilters.Named("choice", (v, a, interpreter) -> ((PythonRandom) interpreter.getContext()
                        .get(JinjaEngine.RANDOM)).choice(Py.iterate(v))),
                new PyFilters.Named("most_frequent", (v, a, i) -> mostFrequent(Py.iterate(v))),
                new PyFilters.Named("highlight", (v, a, i) -> "<span style='color: #F08080'>" + Py.str(v) + "</span>"));
    }

    /** PromptSource's {@code most_frequent}: the items that occur most often, in order of first occurrence. */
    private static Object mostFrequent(List<Object> items) {
        if (items.isEmpty()) {
            return null;
        }
        Map<Object, Integer> counts = new LinkedHashMap<>();
        for (Object item : items) {
            Object key = counts.keySet().stream().filter(k -> Py.eq(k, item)).findFirst().orElse(item);
            counts.merge(key, 1, Integer::sum);
        }
        int top = counts.values().stream().max(Integer::compare).orElse(0);
        List<Object> out = new ArrayList<>();
        counts.forEach((item, count) -> {
            if (count == top) {
                out.add(item);
            }
        });
        return out;
    }
}
