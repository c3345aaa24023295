package org.imlbench.api;

/**
 * A task source could not be read. The message always names the file (and the line or instance where known), so
 * that the harness can print it on one line.
 */
public class TaskLoadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;

    /**
     * @param file the file or source that is wrong
     * @param problem what is wrong with it
     */
    public TaskLoadException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /**
     * @param file the file or source that is wrong
     * @param problem what is wrong with it
     * @param cause the underlying error
     */
    public TaskLoadException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** @return the file or source that is wrong */
    public String file() {
        return file;
    }
}
