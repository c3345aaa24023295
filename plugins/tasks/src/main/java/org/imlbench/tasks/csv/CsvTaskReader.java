package org.imlbench.tasks.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.tasks.io.StrictText;

/**
 * Reads one task from one CSV file (RFC 4180, UTF-8), record by record as the parser streams through the file.
 *
 * <p>The first row is the header. Columns: {@code input} (required), {@code output} (required, may repeat: every
 * non-empty {@code output} cell of a row is an acceptable reference), {@code options} (optional: the row's answer
 * options separated by {@code |}; an empty cell makes the row a generation instance) and {@code id} (optional:
 * instance ids, default {@code <task name>/<row number>}). Any other column, a row whose cell count differs from the
 * header's, or a byte that is not UTF-8 is an error naming the file and the line.
 */
final class CsvTaskReader {
    static final Set<String> COLUMNS = Set.of("id", "input", "output", "options");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .get();

    Task read(Path file) throws TaskLoadException {
        String name = file.toString();
        try (CSVParser parser = CSVParser.parse(StrictText.reader(file), FORMAT)) {
            // the iterator reads a record ahead only when asked whether there is one: each record's line is taken
            // right after next(), before the parser moves on
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new TaskLoadException(name, "no header row");
            }
            CSVRecord header = records.next();
            CsvMetadata metadata = CsvMetadata.read(file, header.getComment());
            Columns columns = Columns.of(name, startLine(parser, header), header.values());
            List<Instance> instances = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            int row = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                row++;
                int line = startLine(parser, record);
                if (record.size() != columns.count()) {
                    throw new TaskLoadException(name, "line " + line + ": " + record.size()
                            + " cells, but the header has " + columns.count() + " columns");
                }
                Instance instance = columns.instance(name, line, metadata.name() + "/" + row, record.values());
                if (!ids.add(instance.id())) {
                    throw new TaskLoadException(name, "line " + line + ": duplicate id \"" + instance.id() + "\"");
                }
                instances.add(instance);
            }
            if (instances.isEmpty()) {
                throw new TaskLoadException(name, "no data rows after the header");
            }
            return new Task("csv/" + metadata.name(), metadata.category(), "csv", metadata.instruction(), List.of(),
                    instances, Map.of());
        } catch (UncheckedIOException e) {
            throw malformed(file, e.getCause());
        } catch (IOException e) {
            throw malformed(file, e);
        }
    }

    /** Bytes that are not UTF-8 are named by line, as {@link StrictText} names them; anything else is malformed CSV. */
    private static TaskLoadException malformed(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            try {
                StrictText.read(file);
            } catch (TaskLoadException notUtf8) {
                return notUtf8;
            }
        }
        return new TaskLoadException(file.toString(), "malformed CSV: " + e.getMessage(), e);
    }

    /**
     * The 1-based line on which a record's first cell is, from the parser's line count (which stands at the record's
     * last line once it is read) less the line breaks inside its quoted cells: constant time per record, and comment
     * lines before the record (a header's metadata) are not counted as its own.
     */
    private static int startLine(CSVParser parser, CSVRecord record) {
        long breaks = 0;
        for (String cell : record.values()) {
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == cell.length() || cell.charAt(i + 1) != '\n')) {
                    breaks++;
                }
            }
        }
        return (int) (parser.getCurrentLineNumber() - breaks);
    }

    /** Which header position holds what. */
    private record Columns(int count, int input, int[] outputs, int options, int id) {
        static Columns of(String file, int line, String[] header) throws TaskLoadException {
            int input = -1;
            int options = -1;
            int id = -1;
            List<Integer> outputs = new ArrayList<>();
            for (int i = 0; i < header.length; i++) {
                String column = header[i].strip();
                switch (column) {
                    case "input" -> input = unique(file, line, column, input, i);
                    case "options" -> options = unique(file, line, column, options, i);
                    case "id" -> id = unique(file, line, column, id, i);
                    case "output" -> outputs.add(i);
                    default -> throw new TaskLoadException(file, "line " + line + ": unknown column \"" + column
                            + "\" (allowed: id, input, output (repeatable), options)");
                }
            }
            if (input < 0 || outputs.isEmpty()) {
                throw new TaskLoadException(file, "line " + line + ": the header needs an \"input\" and at least one "
                        + "\"output\" column, found " + Arrays.toString(header));
            }
            return new Columns(header.length, input, outputs.stream().mapToInt(Integer::intValue).toArray(),
                    options, id);
        }

        private static int unique(String file, int line, String column, int previous, int index)
                throws TaskLoadException {
            if (previous >= 0) {
                throw new TaskLoadException(file, "line " + line + ": column \"" + column + "\" appears twice");
            }
            return index;
        }

        Instance instance(String file, int line, String defaultId, String[] cells) throws TaskLoadException {
            List<String> references = new ArrayList<>();
            for (int o : outputs) {
                if (!cells[o].isEmpty()) {
                    references.add(cells[o]);
                }
            }
            if (references.isEmpty()) {
                throw new TaskLoadException(file, "line " + line + ": no output");
            }
            List<String> optionList = List.of();
            if (options >= 0 && !cells[options].isBlank()) {
                optionList = Arrays.stream(cells[options].split("\\|")).map(String::strip).toList();
                if (optionList.stream().anyMatch(String::isEmpty)) {
                    throw new TaskLoadException(file,
                            "line " + line + ": an empty option in \"" + cells[options] + "\"");
                }
            }
            String instanceId = id >= 0 && !cells[id].isBlank() ? cells[id].strip() : defaultId;
            try {
                return new Instance(instanceId, cells[input], references, optionList, Map.of());
            } catch (IllegalArgumentException e) {
                throw new TaskLoadException(file, "line " + line + ": " + e.getMessage(), e);
            }
        }
    }
}
