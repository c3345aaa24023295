package org.imlbench.api;

/**
 * The user asked for something that cannot be: an unknown plugin, an unknown option key, an option value of the
 * wrong type or range, a malformed argument. The harness prints the message on one line and exits with status 2,
 * before anything is written.
 *
 * <p>This is the one exception type for usage errors, whichever module detects them: plugins throw it (usually
 * through {@link OptionKey#value}) and the harness maps it to exit 2 in every command. A failure while doing the
 * work (a corrupt file, a crashed engine) is never a usage error.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and, where useful, what to write instead */
    public UsageException(String message) {
        super(message);
    }
}
