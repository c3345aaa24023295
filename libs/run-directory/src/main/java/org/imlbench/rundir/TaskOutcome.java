package org.imlbench.rundir;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The content of a {@code tasks/<split>/<role>/<task>.done} marker: a task's evaluation is complete (or failed) and a
 * resumed run skips it. The marker records the size and SHA-256 of the samples file written before it, so that a
 * samples file damaged after the fact (a crash on a file system that reorders writes, a copy cut short) is detected:
 * the harness evaluates the task again and the reports refuse the file.
 *
 * @param task the task id
 * @param n instances evaluated
 * @param missing instances without a prediction
 * @param error null, or why the task's evaluation failed (Allure shows it as broken)
 * @param samplesBytes the samples file's size in bytes, or -1 when there is no samples file (failed evaluation) or
 *                     the marker predates the checksum
 * @param samplesSha256 the samples file's SHA-256 in hex, or null likewise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskOutcome(String task, int n, int missing, String error,
                          @JsonProperty("samples_bytes") long samplesBytes,
                          @JsonProperty("samples_sha256") String samplesSha256) {
    /**
     * An outcome without a samples file checksum yet (the writer adds it).
     *
     * @param task the task id
     * @param n instances evaluated
     * @param missing instances without a prediction
     * @param error null, or why the evaluation failed
     * @return the outcome
     */
    public static TaskOutcome of(String task, int n, int missing, String error) {
        return new TaskOutcome(task, n, missing, error, -1, null);
    }

    /** @return whether the evaluation failed */
    public boolean failed() {
        return error != null;
    }
}
