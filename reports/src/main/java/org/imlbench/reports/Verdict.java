package org.imlbench.reports;

/** What a task's evaluation says, shared by summary.md and the Allure status. */
public enum Verdict {
    /** Evaluated; the tuned model is not significantly worse (or there is only one model). */
    OK,
    /** The tuned model is significantly worse on the headline metric: the Δ's 95% interval lies below 0. */
    REGRESSION,
    /** A model's evaluation of the task failed (its {@code .done} file carries an error). */
    ERROR,
    /** No model produced a single scorable prediction (every line is missing). */
    NO_PREDICTIONS
}
