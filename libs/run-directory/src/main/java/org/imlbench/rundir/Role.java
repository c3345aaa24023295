package org.imlbench.rundir;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The part a model plays in a run: the untuned {@code base} and the {@code tuned} model of {@code harness run}, or
 * the one {@code model} of {@code harness eval}. The id names the folders under {@code samples/<split>/} and
 * {@code tasks/<split>/} and the keys of {@code run.json}'s {@code models}; reports show roles in this order.
 */
public enum Role {
    /** The model before instruction tuning. */
    BASE("base"),
    /** The model after instruction tuning (or the checkpoint given with {@code --tuned}). */
    TUNED("tuned"),
    /** The one model of {@code harness eval}. */
    MODEL("model");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** @return the role's name in files and reports */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * @param id a role's name, e.g. {@code tuned}
     * @return the role
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Role fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown model role '" + id + "'; known: "
                        + Arrays.stream(values()).map(Role::id).toList()));
    }

    @Override
    public String toString() {
        return id;
    }
}
