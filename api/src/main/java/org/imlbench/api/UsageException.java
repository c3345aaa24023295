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

    /**
     * The range check of a numeric option (since API level 4), so that every such refusal reads alike.
     *
     * @param option the option as the command line spells it, e.g. {@code --steps}
     * @param value the value given
     * @param min the smallest allowed value
     * @return the value
     * @throws UsageException naming the option, the bound and the value when the value is smaller
     */
    public static int requireAtLeast(String option, int value, int min) {
        if (value < min) {
            throw new UsageException(option + " must be >= " + min + ", got " + value);
        }
        return value;
    }
}
