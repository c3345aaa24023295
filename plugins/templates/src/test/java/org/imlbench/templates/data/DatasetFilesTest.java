package org.imlbench.templates.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.imlbench.api.TaskLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {
    @TempDir
    Path data;

    /** Writes a Parquet file with DuckDB's writer, as {@code datasets}' {@code to_parquet} or the hub would. */
    private static void parquet(Path file, String select) throws Exception {
        Files.createDirectories(file.getParent());
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + file.toString().replace("'", "''")
                    + "' (FORMAT parquet)");
        }
    }

    @Test
    void aParquetSplitGivesTheValuesAJsonLinesExportGives() throws Exception {
        Path folder = data.resolve("org/qa's").resolve("default");
        parquet(folder.resolve("test.parquet"), """
                SELECT * FROM (VALUES
                  (1, 'What is 2+2?', ['4', 'four'], {'text': 'Ça va', 'start': 3}, 0.5::DOUBLE, true),
                  (2, 'Capital?', [], {'text': NULL, 'start': -1}, NULL, false))
                AS t(id, question, answers, context, score, ok)""");
        Files.writeString(folder.resolve("test.jsonl"), """
                {"id": 1, "question": "What is 2+2?", "answers": ["4", "four"], "context": {"text": "Ça va", \
                "start": 3}, "score": 0.5, "ok": true}
                {"id": 2, "question": "Capital?", "answers": [], "context": {"text": null, "start": -1}, \
                "score": null, "ok": false}
                """);
        List<Map<String, Object>> fromJsonLines = new DatasetFiles(data).read("org/qa's", null, "test");
        Files.delete(folder.resolve("test.jsonl"));
        DatasetFiles files = new DatasetFiles(data);
        assertEquals(folder.resolve("test.parquet"), files.find("org/qa's", null, "test").orElseThrow());
        List<Map<String, Object>> fromParquet = files.read("org/qa's", null, "test");
        assertEquals(fromJsonLines, fromParquet);
        assertEquals(List.of("id", "question", "answers", "context", "score", "ok"),
                List.copyOf(fromParquet.get(0).keySet()), "columns keep their order");
        assertEquals(1L, fromParquet.get(0).get("id"));
    }

    @Test
    void aSplitFolderOfShardsIsReadInNameOrder() throws Exception {
        Path split = data.resolve("org/glue/sst2/train");
        parquet(split.resolve("0001.parquet"), "SELECT 'third' AS sentence UNION ALL SELECT 'fourth'");
        parquet(split.resolve("0000.parquet"), "SELECT 'first' AS sentence UNION ALL SELECT 'second'");
        Files.writeString(split.resolve("README.md"), "not a shard");
        DatasetFiles files = new DatasetFiles(data);
        assertEquals(split, files.find("org/glue", "sst2", "train").orElseThrow());
        assertEquals(List.of("first", "second", "third", "fourth"),
                files.read("org/glue", "sst2", "train").stream().map(doc -> doc.get("sentence")).toList());
    }

    @Test
    void aFileThatIsNotParquetIsAnErrorNamingIt() throws Exception {
        Path file = data.resolve("org/x/default/test.parquet");
        Files.createDirectories(file.getParent());
        byte[] junk = new byte[64];
        Arrays.fill(junk, (byte) 'x');
        Files.write(file, junk);
        TaskLoadException error = assertThrows(TaskLoadException.class,
                () -> new DatasetFiles(data).read("org/x", null, "test"));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("cannot read as Parquet"), error.getMessage());
    }

    @Test
    void aTruncatedParquetFileIsAnErrorNamingIt() throws Exception {
        Path file = data.resolve("org/y/default/train.parquet");
        parquet(file, "SELECT i, 'text ' || i AS text FROM range(0, 1000) r(i)");
        byte[] whole = Files.readAllBytes(file);
        for (int length : new int[] {whole.length / 2, whole.length - 1, 4}) {
            Files.write(file, Arrays.copyOf(whole, length));
            TaskLoadException error = assertThrows(TaskLoadException.class,
                    () -> new DatasetFiles(data).read("org/y", null, "train"), "cut to " + length + " bytes");
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        }
    }

    @Test
    void aMissingSplitNamesEveryLayoutLookedFor() {
        TaskLoadException error = assertThrows(TaskLoadException.class,
                () -> new DatasetFiles(data).read("org/none", null, "validation"));
        assertTrue(error.getMessage().contains(".parquet and a folder validation/"), error.getMessage());
    }
}
