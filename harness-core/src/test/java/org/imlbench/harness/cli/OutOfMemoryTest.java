package org.imlbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.beust.jcommander.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command that runs out of heap ends with one line saying how much there was and how to give more. */
class OutOfMemoryTest {
    @Parameters(commandNames = "hungry", commandDescription = "Runs out of memory.")
    static final class HungryCommand implements CliCommand {
        @Override
        public String name() {
            return "hungry";
        }

        @Override
        public int run(CliContext context) {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void oneLineWithTheHeapAndTheRemedyNoStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Path.of(""),
                () -> List.of(new HungryCommand())).run("--verbose", "hungry");
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(Main.FAILURE, code);
        assertEquals(1, text.strip().lines().count(), text);
        assertTrue(text.contains("out of memory") && text.contains("MiB") && text.contains("JAVA_OPTS=-Xmx"), text);
        assertFalse(text.contains("at org."), "no stack trace: " + text);
        assertEquals("error: out of memory: the Java heap of 1024 MiB is full; give the JVM more, e.g. "
                + "JAVA_OPTS=-Xmx2g harness ... (the launcher passes JAVA_OPTS to java)", Main.outOfMemory(1L << 30));
    }
}
