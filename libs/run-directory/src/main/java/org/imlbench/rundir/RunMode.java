package org.imlbench.rundir;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * What a run does: {@code run} evaluates a base model on OPT-IML's generalization splits, tunes it (or takes a
 * tuned checkpoint) and evaluates the tuned model; {@code eval} evaluates one model on split {@code all}.
 */
public enum RunMode {
    /** Base and tuned model on the three generalization splits. */
    RUN("run", List.of(Role.BASE, Role.TUNED)),
    /** One model on every loaded task, split {@code all}. */
    EVAL("eval", List.of(Role.MODEL));

    private final String id;
    private final List<Role> roles;

    RunMode(String id, List<Role> roles) {
        this.id = id;
        this.roles = roles;
    }

    /** @return the mode's name in run.json and on the command line */
    @JsonValue
    public String id() {
        return id;
    }

    /** @return the roles evaluated, in order */
    public List<Role> roles() {
        return roles;
    }

    /** @return the splits evaluated, in report order */
    public List<Split> splits() {
        return this == RUN ? Split.generalization() : List.of(Split.ALL);
    }

    /**
     * @param id a mode's name
     * @return the mode
     * @throws IllegalArgumentException for an unknown name
     */
    public static RunMode fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown run mode '" + id + "'; known: run, eval"));
    }

    @Override
    public String toString() {
        return id;
    }
}
