package org.imlbench.templates.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.imlbench.api.TaskLoadException;
import org.imlbench.templates.jinja.Py;

/**
 * A dataset exported to local files: {@code ROOT/<dataset_path>/<dataset_name or "default">/<split>.jsonl} (one JSON
 * object per line, what Hugging Face {@code Dataset.to_json} writes), or {@code <split>.json} (an array of objects, or
 * JSON lines), or {@code <split>.csv} (a header row; every value is text), or {@code <split>.parquet}, or a folder
 * {@code <split>/} of Parquet shards read in name order (the hub's {@code refs/convert/parquet} layout, {@code
 * <config>/<split>/0000.parquet}). Documents come back as Python values ({@link PyJson}). The last few files read are
 * kept, since many tasks read the same split (every FLORES pair reads {@code facebook/flores/all}).
 */
public final class DatasetFiles {
    /** The file kinds looked for, in this order; then a folder named as the split holding {@code *.parquet}. */
    public static final List<String> EXTENSIONS = List.of(".jsonl", ".json", ".csv", ".parquet");
    private static final int CACHED = 4;

    private final Path root;
    private final ObjectMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final Map<Path, List<Map<String, Object>>> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, List<Map<String, Object>>> eldest) {
            return size() > CACHED;
        }
    };

    /** @param root the data folder ({@code --task-option data=DIR}) */
    public DatasetFiles(Path root) {
        this.root = root;
    }

    /**
     * Checks a dataset path, configuration or split that a task file names before it becomes part of a path under
     * the data folder: Hugging Face names ({@code org/name}, {@code 3.0.0}, {@code validation}) pass; a NUL (no file
     * can be named with it), an absolute path or a {@code ..} step (which would leave the data folder) do not.
     *
     * @param file the task file, for the message
     * @param key the key that gives the name
     * @param name the name, or null when the key is absent
     * @throws TaskLoadException naming the file, the key and the problem
     */
    public static void checkName(String file, String key, String name) throws TaskLoadException {
        if (name == null) {
            return;
        }
        String problem = name.indexOf('\0') >= 0 ? "holds a NUL character"
                : name.startsWith("/") || name.startsWith("\\") ? "is an absolute path"
                : List.of(name.split("[/\\\\]")).contains("..") ? "has a '..' step out of the data folder"
                : null;
        if (problem != null) {
            throw new TaskLoadException(file, "key '" + key + "' " + problem + ": " + Py.repr(name)
                    + " (a dataset, configuration or split name such as 'nyu-mll/glue', 'sst2' or 'validation')");
        }
    }

    /** @return the data folder */
    public Path root() {
        return root;
    }

    /**
     * @param path the dataset's path (e.g. {@code facebook/xnli})
     * @param name the configuration (e.g. {@code vi}), or null for {@code default}
     * @return the folder holding its splits
     */
    public Path folder(String path, String name) {
        return root.resolve(path).resolve(name == null || name.isBlank() ? "default" : name);
    }

    /**
     * @param path the dataset's path
     * @param name the configuration, or null
     * @param split the split
     * @return the split's file (or folder of Parquet shards), if one exists
     */
    public Optional<Path> find(String path, String name, String split) {
        Path folder = folder(path, name);
        for (String extension : EXTENSIONS) {
            Path file = folder.resolve(split + extension);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        Path shards = folder.resolve(split);
        return Files.isDirectory(shards) && !parquetShards(shards).isEmpty() ? Optional.of(shards) : Optional.empty();
    }

    /** The {@code *.parquet} files of a folder, in name order; none when it cannot be listed. */
    private static List<Path> parquetShards(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * @param path the dataset's path
     * @param name the configuration, or null
     * @param split the split
     * @return its documents, in file order (shared: do not modify)
     * @throws TaskLoadException when no file exists, or it is malformed (naming file and line)
     */
    public List<Map<String, Object>> read(String path, String name, String split) throws TaskLoadException {
        Path file = find(path, name, split).orElseThrow(() -> new TaskLoadException(
                folder(path, name).resolve(split + ".jsonl").toString(), "no data for split '" + split
                + "' (looked for " + split + ".jsonl, .json, .csv, .parquet and a folder " + split
                + "/ of .parquet files in " + folder(path, name) + ")"));
        List<Map<String, Object>> docs = cache.get(file);
        if (docs == null) {
            docs = Collections.unmodifiableList(parse(file));
            cache.put(file, docs);
        }
        return docs;
    }

    private List<Map<String, Object>> parse(Path file) throws TaskLoadException {
        String name = file.getFileName().toString();
        if (Files.isDirectory(file)) {
            return ParquetDocuments.read(parquetShards(file), file.toString(), json);
        }
        if (name.endsWith(".parquet")) {
            return ParquetDocuments.read(List.of(file), file.toString(), json);
        }
        String text = text(file);
        if (name.endsWith(".csv")) {
            return csv(file, text);
        }
        String trimmed = text.stripLeading();
        if (name.endsWith(".json") && trimmed.startsWith("[")) {
            JsonNode array = parseJson(file, text, 0);
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                out.add(document(file, array.get(i), "item " + (i + 1)));
            }
            return out;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                out.add(document(file, parseJson(file, lines[i], i + 1), "line " + (i + 1)));
            }
        }
        return out;
    }

    private JsonNode parseJson(Path file, String text, int line) throws TaskLoadException {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            String where = line > 0 ? "line " + line : "line " + e.getLocation().getLineNr();
            throw new TaskLoadException(file.toString(), where + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Path file, JsonNode node, String where) throws TaskLoadException {
        if (node == null || !node.isObject()) {
            throw new TaskLoadException(file.toString(), where + ": expected a JSON object (one document)");
        }
        return (Map<String, Object>) PyJson.value(node);
    }

    private static List<Map<String, Object>> csv(Path file, String text) throws TaskLoadException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames();
            List<Map<String, Object>> out = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw new TaskLoadException(file.toString(), "record " + record.getRecordNumber() + ": "
                            + record.size() + " cells, but the header has " + header.size() + " columns");
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    doc.put(header.get(i), record.get(i));
                }
                out.add(doc);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new TaskLoadException(file.toString(), "malformed CSV: " + e.getMessage(), e);
        }
    }

    private static String text(Path file) throws TaskLoadException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TaskLoadException(file.toString(), "cannot read: " + e, e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new TaskLoadException(file.toString(), "not valid UTF-8", e);
        }
    }
}
