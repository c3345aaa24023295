package org.imlbench.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PredictionFileTest {
    private static final String GOOD = "{\"task\": \"t\", \"instance\": \"1\", \"prediction\": \"yes\"}";

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("predictions.jsonl"), content, StandardCharsets.UTF_8);
    }

    @Test
    void readsRecordsSkippingBlankLinesAndIgnoringExtraFields() throws IOException {
        Path file = write("\uFEFF" + GOOD + "\r\n\n   \n"
                + "{\"model\": \"opt\", \"task\": \"t\", \"instance\": \"2\", \"prediction\": \"no \\u00e9\"}\n");
        PredictionFile read = PredictionFile.read(file);
        assertEquals(List.of(new RecordedPrediction("t", "1", "yes", 1), new RecordedPrediction("t", "2", "no é", 4)),
                List.copyOf(read.records().values()));
        assertEquals("no é", read.find(new RecordedPrediction.Key("t", "2")).orElseThrow().prediction());
        assertTrue(read.find(new RecordedPrediction.Key("t", "3")).isEmpty());
    }

    /** The second line of each file is bad; the error must name the file, line 2 and the problem. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"task\": \"t\", \"instance\": \"2\", \"prediction\": \"x\"             | not valid JSON",
        "{'task': 't'}                                                          | not valid JSON",
        "{\"task\": \"t\", \"instance\": \"2\", \"prediction\": \"x\"} trailing   | not valid JSON",
        "{\"task\": \"t\", \"task\": \"u\", \"instance\": \"2\", \"prediction\": \"x\"} | not valid JSON",
        "[\"t\", \"2\", \"x\"]                                                  | expected a JSON object",
        "\"just text\"                                                          | expected a JSON object",
        "null                                                                   |"
                + " expected a JSON object with task, instance, prediction, found null",
        "{\"task\": \"t\", \"prediction\": \"x\"}                               | missing field \"instance\"",
        "{\"instance\": \"2\", \"prediction\": \"x\"}                           | missing field \"task\"",
        "{\"task\": \"t\", \"instance\": \"2\"}                                 | missing field \"prediction\"",
        "{\"task\": \"t\", \"instance\": \"2\", \"prediction\": 7}              |"
                + " field \"prediction\" must be a string, found number 7",
        "{\"task\": \"t\", \"instance\": \"2\", \"prediction\": null}           |"
                + " field \"prediction\" must be a string, found null",
        "{\"task\": \"t\", \"instance\": \"2\", \"prediction\": [\"x\"]}        |"
                + " field \"prediction\" must be a string, found array",
        "{\"task\": \"t\", \"instance\": 2, \"prediction\": \"x\"}              |"
                + " field \"instance\" must be a string, found number 2",
        "{\"task\": \"t\", \"instance\": \"1\", \"prediction\": \"again\"}      |"
                + " duplicate prediction for task \"t\" instance \"1\" (first on line 1)",
    })
    void malformedLinesAreErrorsNamingFileAndLine(String badLine, String problem) throws IOException {
        Path file = write(GOOD + "\n" + badLine.strip() + "\n" + GOOD.replace("\"1\"", "\"3\"") + "\n");
        IOException e = assertThrows(IOException.class, () -> PredictionFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheLine() throws IOException {
        Path file = dir.resolve("bytes.jsonl");
        byte[] good = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"task\": \"t\", \"instance\": \"2\", \"prediction\": \"\u00ff\"}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] content = new byte[good.length + bad.length];
        System.arraycopy(good, 0, content, 0, good.length);
        System.arraycopy(bad, 0, content, good.length, bad.length);
        Files.write(file, content);
        IOException e = assertThrows(IOException.class, () -> PredictionFile.read(file));
        assertEquals(file + ":2: not valid UTF-8", e.getMessage());
    }

    @Test
    void aFileWithoutRecordsIsAnError() throws IOException {
        Path file = write("\n  \n");
        IOException e = assertThrows(IOException.class, () -> PredictionFile.read(file));
        assertEquals("predictions file " + file + " holds no predictions", e.getMessage());
    }
}
