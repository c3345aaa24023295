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
        assertEquals(Optional.of("bbh_exact_match"), HeadlineMetric.choose("bbh", true, ALL, Optional.empty()));
        assertEquals(Optional.of("bbh_exact_match"), HeadlineMetric.choose("BBH", false, ALL, Optional.empty()));
    }

    @Test
    void optionTasksUseAccuracyAndGenerationTasksRougeL() {
        assertEquals(Optional.of("accuracy"), HeadlineMetric.choose("niv2", true, ALL, Optional.empty()));
        assertEquals(Optional.of("rouge_l"), HeadlineMetric.choose("niv2", false, ALL, Optional.empty()));
    }

    @Test
    void fallsBackInOrderThenAlphabetically() {
        // a replayed option task is judged on text: no rank accuracy ... but exact match is there
        assertEquals(Optional.of("exact_match"), HeadlineMetric.choose("synthetic", true,
                Set.of("exact_match", "token_f1"), Optional.empty()));
        assertEquals(Optional.of("rouge_l"), HeadlineMetric.choose("bbh", false, Set.of("exact_match", "rouge_l"),
                Optional.empty()));
        assertEquals(Optional.of("a_custom"), HeadlineMetric.choose("x", false, Set.of("z_custom", "a_custom"),
                Optional.empty()));
        assertEquals(Optional.empty(), HeadlineMetric.choose("x", false, Set.of(), Optional.empty()));
    }

    @Test
    void aChosenMetricJudgesEveryTaskThatReportedIt() {
        assertEquals(Optional.of("first_word"), HeadlineMetric.choose("bbh", true, Set.of("first_word", "accuracy"),
                Optional.of("first_word")));
        assertEquals(Optional.empty(), HeadlineMetric.choose("niv2", false, Set.of("rouge_l"),
                Optional.of("first_word")));
    }
}
