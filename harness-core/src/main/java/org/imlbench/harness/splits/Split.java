package org.imlbench.harness.splits;

import java.util.Arrays;

/**
 * The three evaluation splits of OPT-IML's framework, one per level of generalization, in report order.
 */
public enum Split {
    /** Tasks of categories that are entirely held out from tuning. */
    FULLY_HELD_OUT("fully_held_out"),
    /** Held-out tasks of categories that other, tuned tasks cover. */
    PARTIALLY_SUPERVISED("partially_supervised"),
    /** Held-out instances of tuned tasks. */
    FULLY_SUPERVISED("fully_supervised");

    private final String id;

    Split(String id) {
        this.id = id;
    }

    /** @return the split's name in files, reports and on the command line, e.g. {@code fully_held_out} */
    public String id() {
        return id;
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
