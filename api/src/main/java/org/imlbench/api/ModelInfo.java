package org.imlbench.api;

import java.util.Map;

/**
 * What a loaded model says about itself, for reports and {@code environment.properties}.
 *
 * @param name the model as the user named it
 * @param backend the backend's name
 * @param device where it runs, e.g. {@code cpu} or {@code gpu:0,1}
 * @param parameters the number of parameters, or 0 when unknown (replayed predictions)
 * @param details other facts (dtype, revision, checkpoint path, engine version)
 */
public record ModelInfo(String name, String backend, String device, long parameters, Map<String, String> details) {
    /** Copies the details. */
    public ModelInfo {
        details = Map.copyOf(details);
    }
}
