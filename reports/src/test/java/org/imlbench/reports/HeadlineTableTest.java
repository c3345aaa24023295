package org.imlbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlineTableTest {
    @TempDir
    Path runs;

    @Test
    void oneRowPerSplitWithScoresDeltaAndCounts() throws IOException {
        RunFixture run = RunFixture.run(runs, "h");
        run.task("fully_supervised", "t/a", "C", "s").options().values("base", "accuracy", 0, 0, 0, 0)
                .values("tuned", "accuracy", 1, 1, 1, 1);
        RunSummary summary = Summaries.write(run.write());
        assertEquals(List.of("SPLIT", "TASKS", "BASE", "TUNED", "Δ", "95% CI OF Δ", "REGRESSIONS", "ERRORS"),
                HeadlineTable.header(summary));
        assertEquals(List.of(List.of("fully_supervised", "1", "0.0 [0.0, 0.0]", "100.0 [100.0, 100.0]",
                "+100.0 ▲", "[+100.0, +100.0]", "0", "0")), HeadlineTable.rows(summary));
    }
}
