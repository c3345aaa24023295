package org.imlbench.rundir;

import java.util.Map;

/**
 * A model as {@code run.json} describes it.
 *
 * @param name the model as the user named it
 * @param backend the backend's name
 * @param device where it ran
 * @param parameters the number of parameters, or 0 when unknown
 * @param details other facts (dtype, revision, checkpoint)
 */
public record ModelRef(String name, String backend, String device, long parameters, Map<String, String> details) {
    /** Copies the details. */
    public ModelRef {
        details = Sorted.copy(details == null ? Map.of() : details);
    }
}
