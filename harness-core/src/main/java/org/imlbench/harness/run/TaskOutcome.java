package org.imlbench.harness.run;

/**
 * The content of a {@code tasks/<split>/<role>/<task>.done} marker: a task's evaluation is complete (or failed) and a
 * resumed run skips it.
 *
 * @param task the task id
 * @param n instances evaluated
 * @param missing instances without a prediction
 * @param error null, or why the task's evaluation failed (Allure shows it as broken)
 */
public record TaskOutcome(String task, int n, int missing, String error) {
    /** @return whether the evaluation failed */
    public boolean failed() {
        return error != null;
    }
}
