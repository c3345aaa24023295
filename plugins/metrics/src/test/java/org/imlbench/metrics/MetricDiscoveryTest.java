package org.imlbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Metric;
import org.junit.jupiter.api.Test;

class MetricDiscoveryTest {
    @Test
    void everyMetricIsAServiceWithTheCurrentApiLevel() {
        Set<String> names = new TreeSet<>();
        for (Metric metric : ServiceLoader.load(Metric.class)) {
            names.add(metric.name());
            assertEquals(ImlbenchApi.LEVEL, metric.apiLevel(), metric.name());
            assertFalse(metric.description().isBlank(), metric.name());
        }
        assertEquals(Set.of("accuracy", "accuracy_per_char", "accuracy_per_token", "exact_match", "rouge_l",
                "bbh_exact_match", "token_f1"), names);
    }
}
