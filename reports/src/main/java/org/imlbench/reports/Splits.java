package org.imlbench.reports;

import java.util.Comparator;
import java.util.List;

/** The evaluation splits in the order reports show them; unknown split names follow alphabetically. */
public final class Splits {
    /** OPT-IML's generalization levels, hardest first, then {@code all} (harness eval). */
    public static final List<String> ORDER = List.of("fully_held_out", "partially_supervised", "fully_supervised", "all");

    /** Orders split names by {@link #ORDER}. */
    public static final Comparator<String> COMPARATOR = Comparator
            .comparingInt((String s) -> ORDER.contains(s) ? ORDER.indexOf(s) : ORDER.size())
            .thenComparing(Comparator.naturalOrder());

    private Splits() {
    }
}
