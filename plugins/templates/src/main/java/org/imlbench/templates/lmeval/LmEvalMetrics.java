package org.imlbench.templates.lmeval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an lm-eval {@code metric_list} to imlbench's metrics: {@code acc} is {@code accuracy}, {@code acc_norm} is
 * {@code accuracy_per_char}, {@code exact_match} (with {@code ignore_case}, {@code ignore_punctuation},
 * {@code ignore_numbers} and {@code regexes_to_ignore}) is {@code lm_eval_exact_match}, which applies the task's first
 * output filter pipeline first. Other metrics (BLEU, chrF, F1, MCC, ...) have no counterpart and are listed as such;
 * the task still loads and gets imlbench's metrics for its kind.
 */
final class LmEvalMetrics {
    private LmEvalMetrics() {
    }

    static Map<String, String> describe(LmEvalConfig config, ObjectMapper json) {
        List<String> mapped = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        Map<String, Object> exactMatch = null;
        List<Map<String, Object>> metrics = config.metrics().isEmpty()
                ? List.of(Map.of("metric", config.multipleChoice() ? "acc" : "exact_match")) : config.metrics();
        for (Map<String, Object> m : metrics) {
            String name = String.valueOf(m.get("metric"));
            switch (name) {
                case "acc" -> mapped.add("accuracy");
                case "acc_norm" -> mapped.add("accuracy_per_char");
                case "exact_match" -> {
                    mapped.add(LmEvalExactMatch.NAME);
                    exactMatch = new LinkedHashMap<>();
                    for (String option : List.of("ignore_case", "ignore_punctuation", "ignore_numbers",
                            "regexes_to_ignore")) {
                        if (m.get(option) != null) {
                            exactMatch.put(option, m.get(option));
                        }
                    }
                }
                default -> unmapped.add(name);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put(LmEvalAttributes.METRICS, String.join(",", mapped)
                + (unmapped.isEmpty() ? "" : (mapped.isEmpty() ? "" : ",") + "unmapped:" + String.join("|", unmapped)));
        try {
            if (exactMatch != null) {
                out.put(LmEvalAttributes.EXACT_MATCH, json.writeValueAsString(exactMatch));
            }
            if (!config.filters().isEmpty()) {
                out.put(LmEvalAttributes.FILTER, json.writeValueAsString(config.filters()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
