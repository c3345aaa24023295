package org.imlbench.replay;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imlbench.testkit.ParserContract;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target for predictions files (JSONL): an input gives records, each with its three fields and a line inside the
 * file, or an {@code IOException} naming the file; nothing else escapes.
 */
class PredictionFileFuzzTest {
    @TempDir
    Path dir;

    @MethodSource("seeds")
    @FuzzTest
    @Timeout(60)
    void predictions(byte[] input) throws IOException {
        Path file = dir.resolve("predictions.jsonl");
        Files.write(file, input);
        long lines = 1;
        for (byte b : input) {
            lines += b == '\n' ? 1 : 0;
        }
        long lastLine = lines;
        ParserContract.of(IOException.class, file.toString()).check(input.length, () -> {
            PredictionFile read = PredictionFile.read(file);
            if (read.records().isEmpty()) {
                throw new AssertionError("read no records without an error");
            }
            for (RecordedPrediction r : read.records().values()) {
                if (r.task() == null || r.instance() == null || r.prediction() == null || r.line() < 1
                        || r.line() > lastLine) {
                    throw new AssertionError("malformed record " + r);
                }
            }
        });
    }

    static List<byte[]> seeds() {
        return List.of(
                ("{\"task\": \"t\", \"instance\": \"1\", \"prediction\": \"yes\"}\n"
                        + "{\"model\": \"opt\", \"task\": \"t\", \"instance\": \"2\", "
                        + "\"prediction\": \"no \\u00e9\"}\n")
                        .getBytes(StandardCharsets.UTF_8),
                ("\uFEFF{\"task\": \"bbh/date\", \"instance\": \"0\", \"prediction\": \"(A)\"}\r\n\n  \n"
                        + "{\"task\": \"bbh/date\", \"instance\": \"1\", \"prediction\": \"\"}").getBytes(
                        StandardCharsets.UTF_8));
    }
}
