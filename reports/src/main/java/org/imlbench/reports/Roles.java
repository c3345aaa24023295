package org.imlbench.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The order models are shown in: base, tuned, then the rest alphabetically. */
final class Roles {
    private Roles() {
    }

    static List<String> ordered(Collection<String> roles) {
        List<String> ordered = new ArrayList<>(roles);
        ordered.sort(Comparator.comparingInt(Roles::rank).thenComparing(Comparator.naturalOrder()));
        return ordered;
    }

    private static int rank(String role) {
        return switch (role) {
            case RunSummary.BASE -> 0;
            case RunSummary.TUNED -> 1;
            default -> 2;
        };
    }
}
