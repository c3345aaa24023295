package org.imlbench.api;

import java.util.List;
import java.util.Objects;

/**
 * Greedy generation after a prompt.
 *
 * @param taskId the task, for backends that match recorded outputs
 * @param instanceId the instance, likewise
 * @param prompt the text to continue
 * @param maxNewTokens the most tokens to generate (OPT-IML: 256)
 * @param stopSequences generation stops at the first occurrence of any of these, which is cut off
 */
public record GenerateRequest(String taskId, String instanceId, String prompt, int maxNewTokens,
                              List<String> stopSequences) {
    /** The default limit of new tokens, as in OPT-IML's evaluation. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 256;

    /** Copies the list and checks the invariants. */
    public GenerateRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(prompt, "prompt");
        stopSequences = List.copyOf(stopSequences);
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be >= 1: " + maxNewTokens);
        }
    }
}
