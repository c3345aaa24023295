package org.imlbench.reports.run;

/**
 * One {@code tasks/<split>/<role>/<taskfile>.done}: a finished (or failed) task evaluation.
 *
 * @param split the split (from the directory)
 * @param role the model role (from the directory)
 * @param task the task id
 * @param error the failure's message, or null when the evaluation succeeded
 * @param category the task's category when the file states it (optional), else null
 * @param source the task's benchmark when the file states it (optional), else null
 */
public record DoneRecord(String split, String role, String task, String error, String category, String source) {
}
