package org.imlbench.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Messages for I/O failures that say which file and why. The JDK's own messages often lack one or the other: a full
 * disk says only "No space left on device", a permission problem only the path.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * @param file the file being worked on
     * @param action what was being done, e.g. {@code cannot write}
     * @param cause the failure
     * @return an exception whose message names the file, the action and the reason, with {@code cause} as its cause;
     *         {@code cause} itself when its message already names the file and a reason (a file system exception
     *         with a reason, or any other exception whose message names the file: such messages are written to say
     *         what went wrong with it)
     */
    public static IOException naming(Path file, String action, IOException cause) {
        String reason = reason(cause);
        String message = cause.getMessage();
        boolean named = message != null && message.contains(file.toString());
        if (named && (cause instanceof FileSystemException fs ? fs.getReason() != null : true)) {
            return cause;
        }
        return new IOException(file + ": " + action + ": " + reason, cause);
    }

    /**
     * @param e an I/O failure
     * @return why it failed, in words, without the path
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
