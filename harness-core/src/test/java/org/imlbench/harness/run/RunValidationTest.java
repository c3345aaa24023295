package org.imlbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.imlbench.harness.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option, plugin name, task source and split spec of {@code eval}, {@code run}, {@code tune} and {@code tasks}
 * is checked before anything is written: a usage error exits 2 and leaves {@code --out} as it was.
 */
class RunValidationTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String err) {
    }

    private Outcome harness(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), tmp).run(args);
        return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    }

    private void assertUsageErrorWritingNothing(String mention, String... args) throws Exception {
        Files.createDirectories(tmp.resolve("out"));
        Outcome outcome = harness(args);
        assertEquals(Main.USAGE, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains(mention), outcome.err());
        try (Stream<Path> left = Files.list(tmp.resolve("out"))) {
            assertEquals(0, left.count(), "--out is left empty");
        }
    }

    @Test
    void evalRefusesBadOptionsBeforeWriting() throws Exception {
        assertUsageErrorWritingNothing("--limit", "eval", "--limit", "-1", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("nosuchkind", "eval", "--tasks", "nosuchkind=X", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("nosuch", "eval", "--format", "nosuch", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("--shots", "eval", "--shots", "-2", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("missing.json", "eval", "--split", "missing.json", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("instancez", "eval", "--task-option", "instancez=3", "--out", "out",
                "--quiet");
        assertUsageErrorWritingNothing("--tasks", "eval", "--tasks", "niv2=", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("nosuchmetric", "eval", "--metrics", "nosuchmetric", "--out", "out",
                "--quiet");
        assertUsageErrorWritingNothing("--max-new-tokens", "eval", "--max-new-tokens", "0", "--out", "out",
                "--quiet");
        Files.writeString(tmp.resolve("bad-split.json"), "{\"heldOutCategoriez\": []}");
        assertUsageErrorWritingNothing("heldOutCategoriez", "eval", "--split", "bad-split.json", "--out", "out",
                "--quiet");
        // a task source that needs a path and got none is a usage error too, found when it is read
        assertUsageErrorWritingNothing("needs a path", "eval", "--tasks", "niv2", "--out", "out", "--quiet");
    }

    @Test
    void runAndTuneRefuseBadOptionsBeforeWriting() throws Exception {
        assertUsageErrorWritingNothing("cannot tune", "run", "--backend", "replay", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("--steps", "run", "--steps", "0", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("--lr", "run", "--lr", "Infinity", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("--limit", "run", "--limit", "0", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("nosuch", "tune", "--tasks", "nosuch", "--out", "out", "--quiet");
        assertUsageErrorWritingNothing("--shots", "tasks", "--shots", "-1");
        assertUsageErrorWritingNothing("--show", "tasks", "--show", "-1");
    }

    @Test
    void aTaskSourceThatCannotBeReadLeavesNoRunDirectory() throws Exception {
        Files.createDirectories(tmp.resolve("out"));
        Files.writeString(tmp.resolve("bad.csv"), "input,output\na,b,c\n");
        Outcome outcome = harness("eval", "--tasks", "csv=bad.csv", "--out", "out", "--quiet");
        assertEquals(Main.FAILURE, outcome.code());
        assertTrue(outcome.err().contains("bad.csv: line 2"), outcome.err());
        try (Stream<Path> left = Files.list(tmp.resolve("out"))) {
            assertFalse(left.findAny().isPresent(), "no run directory");
        }
    }
}
