package org.imlbench.templates.lmeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.Instance;
import org.imlbench.api.Prediction;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;
import org.junit.jupiter.api.Test;

class LmEvalExactMatchTest {
    private final LmEvalExactMatch metric = new LmEvalExactMatch();

    private static Task task(String exactMatch, String filter) {
        Map<String, String> attributes = filter == null ? Map.of(LmEvalAttributes.EXACT_MATCH, exactMatch)
                : Map.of(LmEvalAttributes.EXACT_MATCH, exactMatch, LmEvalAttributes.FILTER, filter);
        return new Task("lm-eval/t", "c", "lm-eval", "", List.of(), List.of(Instance.generation("0", "q",
                List.of("42"))), attributes);
    }

    private double score(Task task, String answer, String... references) {
        Instance instance = Instance.generation("0", "q", List.of(references));
        return metric.score(new Sample(task, instance, "lm-eval", new RenderedPrompt("q", " 42", List.of(),
                List.of()), new Prediction.Text(answer)));
    }

    @Test
    void comparesExactlyUnlessOptionsSayOtherwise() {
        Task plain = task("{}", null);
        assertEquals(1.0, score(plain, "42", "42"));
        assertEquals(0.0, score(plain, " 42", "42"), "lm-eval strips nothing by itself");
        assertEquals(1.0, score(plain, "x", "y", "x"), "any reference");
        Task loose = task("{\"ignore_case\": true, \"ignore_punctuation\": true, \"regexes_to_ignore\": [\"^\\\\s+\"]}",
                null);
        assertEquals(1.0, score(loose, "  The Answer!", "the answer"));
        assertEquals(0.0, score(loose, "The Answer 2", "the answer"));
        assertEquals(1.0, score(task("{\"ignore_numbers\": true}", null), "a1b2", "ab"));
    }

    @Test
    void appliesTheFirstFilterPipeline() {
        Task regex = task("{}", "[{\"function\": \"regex\", \"regex_pattern\":"
                + " \"The answer is (\\\\-?[0-9\\\\.\\\\,]+)\"}, {\"function\": \"take_first\"}]");
        assertEquals(1.0, score(regex, "3 + 39 = 42. The answer is 42.", "42."));
        assertEquals(0.0, score(regex, "I do not know", "42"), "no match gives [invalid]");
        assertEquals(1.0, score(regex, "I do not know", "[invalid]"));
        Task groups = task("{}", "[{\"function\": \"regex\", \"group_select\": -1, \"regex_pattern\":"
                + " \"(-?[$0-9.,]{2,})|(-?[0-9]+)\"}]");
        assertEquals(1.0, score(groups, "first 12 then 7", "7"), "the last match, its non-empty group");
        Task strip = task("{}", "[{\"function\": \"remove_whitespace\"}, {\"function\": \"take_first\"}]");
        assertEquals(1.0, score(strip, "  B\n", "B"));
    }

    @Test
    void appliesToLmEvalTasksListingExactMatchAndScoresText() {
        assertTrue(metric.appliesTo(task("{}", null), "lm-eval"));
        assertFalse(metric.appliesTo(new Task("x/y", "c", "x", "", List.of(), List.of(Instance.generation("0", "q",
                List.of("a"))), Map.of()), "optiml"));
        assertTrue(metric.accepts(new Prediction.Text("a")));
        assertFalse(metric.accepts(new Prediction.Ranked(List.of(" a"), List.of(new ContinuationScore(-1, 1, true)))));
    }
}
