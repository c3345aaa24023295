package org.imlbench.harness.cli;

/** Bad command-line arguments that JCommander itself cannot detect: exit code 2, the message printed on one line. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the arguments and, where useful, what to write instead */
    public UsageException(String message) {
        super(message);
    }
}
