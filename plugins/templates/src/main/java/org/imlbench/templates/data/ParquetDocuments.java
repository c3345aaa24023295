package org.imlbench.templates.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.duckdb.DuckDBDriver;
import org.imlbench.api.TaskLoadException;

/**
 * Reads Parquet files, the format the Hugging Face hub stores every dataset in ({@code refs/convert/parquet}), with
 * DuckDB's reader: each row comes back as the JSON that DuckDB's {@code to_json} makes of it, so that nested lists and
 * structs reach the templates as the same Python values a JSON lines export gives ({@link PyJson}).
 *
 * <p>DuckDB runs in memory, one connection per read, with access to outside files limited to the ones read: a file
 * name cannot make it open anything else.
 */
final class ParquetDocuments {
    private ParquetDocuments() {
    }

    /**
     * @param files the split's Parquet files, read in this order (one file, or the shards of a split folder)
     * @param named the name used in messages (the file, or the split's folder)
     * @param json the mapper that parses each row
     * @return the documents, in file and row order
     * @throws TaskLoadException naming {@code named} when a file is not Parquet or cannot be read
     */
    static List<Map<String, Object>> read(List<Path> files, String named, ObjectMapper json)
            throws TaskLoadException {
        String list = files.stream().map(file -> quote(file.toAbsolutePath().toString()))
                .collect(Collectors.joining(", ", "[", "]"));
        List<Map<String, Object>> out = new ArrayList<>();
        long row = 0;
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement statement = connection.createStatement()) {
            // Only the files named here may be read; set before the query, and locked so it cannot be undone.
            statement.execute("SET allowed_paths = " + list);
            statement.execute("SET enable_external_access = false");
            statement.execute("SET lock_configuration = true");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT to_json(t)::VARCHAR FROM read_parquet(" + list + ") AS t")) {
                while (rows.next()) {
                    row++;
                    out.add(document(named, row, json.readTree(rows.getString(1))));
                }
            }
        } catch (SQLException e) {
            throw new TaskLoadException(named, "cannot read as Parquet: " + firstLine(e.getMessage()), e);
        } catch (JsonProcessingException e) {
            throw new TaskLoadException(named, "row " + row + ": DuckDB's JSON of the row did not parse: "
                    + e.getOriginalMessage(), e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(String named, long row, JsonNode node) throws TaskLoadException {
        if (node == null || !node.isObject()) {
            throw new TaskLoadException(named, "row " + row + ": not a record of named columns");
        }
        return (Map<String, Object>) PyJson.value(node);
    }

    /** A SQL string literal. */
    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
