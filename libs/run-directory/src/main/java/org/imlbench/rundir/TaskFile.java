package org.imlbench.rundir;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code samples/<split>/<role>/<taskfile>.jsonl}.
 *
 * @param split the split (from the directory)
 * @param role the model role (from the directory)
 * @param task the task id (from the lines)
 * @param category the task's category (from the lines)
 * @param source the task's benchmark (from the lines)
 * @param file the file
 * @param samples its lines, in file order
 */
public record TaskFile(Split split, Role role, String task, String category, String source, Path file,
                       List<SampleScores> samples) {
    /** Copies the samples. */
    public TaskFile {
        samples = List.copyOf(samples);
    }
}
