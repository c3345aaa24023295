package org.imlbench.rundir;

import java.io.IOException;
import java.nio.file.Path;

/** A run directory file that does not follow the run-directory contract; the message names the file and line. */
public final class RunDirectoryException extends IOException {
    /**
     * Creates the exception.
     *
     * @param file the offending file
     * @param line its 1-based line, or 0 for the whole file
     * @param problem what is wrong
     */
    public RunDirectoryException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file the offending file
     * @param line its 1-based line, or 0 for the whole file
     * @param problem what is wrong
     * @param cause the parser's exception
     */
    public RunDirectoryException(Path file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
    }
}
