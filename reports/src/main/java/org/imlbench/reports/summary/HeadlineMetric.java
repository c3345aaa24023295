package org.imlbench.reports.summary;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses the metric a task is judged by (its verdict, and its share of the category and split averages), as
 * OPT-IML does: BBH exact match for BIG-Bench Hard tasks, accuracy (rank classification) for option tasks,
 * ROUGE-L for generation tasks. When the preferred metric was not reported, the first reported metric of
 * {@link #FALLBACK} is used, then the alphabetically first. A run may name one metric for every task instead
 * ({@code --headline-metric}); a task that did not report it then has no headline and stays out of the averages.
 */
public final class HeadlineMetric {
    /** Accuracy by rank classification. */
    public static final String ACCURACY = "accuracy";
    /** NIv2's ROUGE-L. */
    public static final String ROUGE_L = "rouge_l";
    /** BIG-Bench Hard's exact match. */
    public static final String BBH_EXACT_MATCH = "bbh_exact_match";
    /** Preference order when the rule's metric was not reported. */
    public static final List<String> FALLBACK = List.of(ROUGE_L, ACCURACY, BBH_EXACT_MATCH, "exact_match", "token_f1");

    private HeadlineMetric() {
    }

    /**
     * Chooses a task's headline metric.
     *
     * @param source the task's benchmark
     * @param hasOptions true when the task's instances have answer options
     * @param reported every metric reported for the task
     * @param chosen the metric the run named for every task, or empty for the rule above
     * @return the headline metric, or empty when nothing (or not the chosen metric) was reported
     */
    public static Optional<String> choose(String source, boolean hasOptions, Set<String> reported,
                                          Optional<String> chosen) {
        if (chosen.isPresent()) {
            return chosen.filter(reported::contains);
        }
        String preferred = "bbh".equalsIgnoreCase(source) && reported.contains(BBH_EXACT_MATCH) ? BBH_EXACT_MATCH
                : hasOptions ? ACCURACY : ROUGE_L;
        if (reported.contains(preferred)) {
            return Optional.of(preferred);
        }
        return FALLBACK.stream().filter(reported::contains).findFirst()
                .or(() -> new TreeSet<>(reported).stream().findFirst());
    }
}
