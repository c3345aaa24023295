package org.imlbench.api;

import java.util.List;
import java.util.Objects;

/**
 * Log-likelihood of each continuation given one shared context. Grouping the options of one instance lets a backend
 * run the context once and reuse it for every option.
 *
 * @param taskId the task, for backends that match recorded outputs
 * @param instanceId the instance, likewise
 * @param context the conditioning text
 * @param continuations the texts to score after {@code context}; at least one
 */
public record ScoreRequest(String taskId, String instanceId, String context, List<String> continuations) {
    /** Copies the list and checks the invariants. */
    public ScoreRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(context, "context");
        continuations = List.copyOf(continuations);
        if (continuations.isEmpty()) {
            throw new IllegalArgumentException("score request " + taskId + "/" + instanceId + " has no continuation");
        }
    }
}
