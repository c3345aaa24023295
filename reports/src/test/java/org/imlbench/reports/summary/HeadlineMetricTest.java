package org.imlbench.reports.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeadlineMetricTest {
    private static final Set<String> ALL = Set.of("accuracy", "accuracy_per_char", "exact_match", "rouge_l",
            "token_f1", "bbh_exact_match");

    @Test
    void bbhTasksUseBbhExactMatchEvenWithOptions() {
        assertEquals(Optional.of("bbh_exact_match"), HeadlineMetric.choose("bbh", true, ALL));
        assertEquals(Optional.of("bbh_exact_match"), HeadlineMetric.choose("BBH", false, ALL));
    }

    @Test
    void optionTasksUseAccuracyAndGenerationTasksRougeL() {
        assertEquals(Optional.of("accuracy"), HeadlineMetric.choose("niv2", true, ALL));
        assertEquals(Optional.of("rouge_l"), HeadlineMetric.choose("niv2", false, ALL));
    }

    @Test
    void fallsBackInOrderThenAlphabetically() {
        // a replayed option task is judged on text: no rank accuracy ... but exact match is there
        assertEquals(Optional.of("exact_match"), HeadlineMetric.choose("synthetic", true,
                Set.of("exact_match", "token_f1")));
        assertEquals(Optional.of("rouge_l"), HeadlineMetric.choose("bbh", false, Set.of("exact_match", "rouge_l")));
        assertEquals(Optional.of("a_custom"), HeadlineMetric.choose("x", false, Set.of("z_custom", "a_custom")));
        assertEquals(Optional.empty(), HeadlineMetric.choose("x", false, Set.of()));
    }
}
