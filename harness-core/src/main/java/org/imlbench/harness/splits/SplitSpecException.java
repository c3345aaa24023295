package org.imlbench.harness.splits;

/** A split spec that cannot be read, or that cannot be applied to the loaded tasks. */
public class SplitSpecException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message the file (or source) and what is wrong */
    public SplitSpecException(String message) {
        super(message);
    }

    /**
     * @param message the file (or source) and what is wrong
     * @param cause the underlying error
     */
    public SplitSpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
