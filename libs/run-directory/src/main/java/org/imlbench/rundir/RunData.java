package org.imlbench.rundir;

import java.nio.file.Path;
import java.util.List;

/**
 * A run directory as read from disk.
 *
 * @param dir the run directory
 * @param info its run.json
 * @param files every per-sample file
 * @param done every {@code .done} file
 */
public record RunData(Path dir, RunInfo info, List<TaskFile> files, List<DoneRecord> done) {
    /** Copies the lists. */
    public RunData {
        files = List.copyOf(files);
        done = List.copyOf(done);
    }
}
