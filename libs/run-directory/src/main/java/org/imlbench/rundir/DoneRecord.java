package org.imlbench.rundir;

/**
 * One {@code tasks/<split>/<role>/<taskfile>.done}: a finished (or failed) task evaluation.
 *
 * @param split the split (from the directory)
 * @param role the model role (from the directory)
 * @param task the task id
 * @param error the failure's message, or null when the evaluation succeeded
 * @param category the task's category when the file states it (optional), else null
 * @param source the task's benchmark when the file states it (optional), else null
 * @param samplesBytes the size the samples file had when the marker was written, or -1 when not recorded
 * @param samplesSha256 its SHA-256, or null when not recorded
 */
public record DoneRecord(Split split, Role role, String task, String error, String category, String source,
                         long samplesBytes, String samplesSha256) {
}
