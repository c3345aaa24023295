package org.imlbench.rundir;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * The evaluation splits, in report order: OPT-IML's three levels of generalization, hardest first, then {@code all}
 * for {@code harness eval}. The id names the folders under {@code samples/}, {@code tasks/} and
 * {@code allure-results/}.
 */
public enum Split {
    /** Tasks of categories that are entirely held out from tuning. */
    FULLY_HELD_OUT("fully_held_out"),
    /** Held-out tasks of categories that other, tuned tasks cover. */
    PARTIALLY_SUPERVISED("partially_supervised"),
    /** Held-out instances of tuned tasks. */
    FULLY_SUPERVISED("fully_supervised"),
    /** Every loaded task, without generalization splits ({@code harness eval}). */
    ALL("all");

    private static final List<Split> GENERALIZATION = List.of(FULLY_HELD_OUT, PARTIALLY_SUPERVISED,
            FULLY_SUPERVISED);

    private final String id;

    Split(String id) {
        this.id = id;
    }

    /** @return the split's name in files, reports and on the command line, e.g. {@code fully_held_out} */
    @JsonValue
    public String id() {
        return id;
    }

    /** @return OPT-IML's three generalization splits, in report order */
    public static List<Split> generalization() {
        return GENERALIZATION;
    }

    /**
     * @param id a split name such as {@code partially_supervised}
     * @return the split
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Split fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown split '" + id + "'; known: "
                        + Arrays.stream(values()).map(Split::id).toList()));
    }

    @Override
    public String toString() {
        return id;
    }
}
