package org.imlbench.harness.splits;

/** A split in which an evaluation input equals a training input, refused unless overlap is allowed. */
public class LeakageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient LeakageReport report;

    /**
     * @param message which splits overlap and how to proceed
     * @param report the full report
     */
    public LeakageException(String message, LeakageReport report) {
        super(message);
        this.report = report;
    }

    /** @return the report that caused the refusal */
    public LeakageReport report() {
        return report;
    }
}
