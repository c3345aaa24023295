package org.imlbench.harness.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Writes a finished run's summaries and reports (implemented over the reports module). */
@FunctionalInterface
public interface RunReports {
    /**
     * @param runDir the run directory
     * @param out where to say what was written
     * @throws IOException when writing fails
     */
    void write(Path runDir, PrintStream out) throws IOException;
}
