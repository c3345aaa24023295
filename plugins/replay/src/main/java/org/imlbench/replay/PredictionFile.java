package org.imlbench.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A JSONL file of recorded predictions, one {@code {"task": "…", "instance": "…", "prediction": "…"}} object per line,
 * checked completely when it is read: a line that is not one JSON object, lacks one of the three fields, gives one of
 * them as anything but a string, or repeats a (task, instance) pair is an error naming the file and the line. Blank
 * lines are skipped and other fields are ignored (they may carry, say, the model's name).
 *
 * @param path the file
 * @param records the records in file order, keyed by (task, instance)
 */
public record PredictionFile(Path path, Map<RecordedPrediction.Key, RecordedPrediction> records) {
    /** The fields every line must have. */
    static final List<String> FIELDS = List.of("task", "instance", "prediction");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Keeps the records' order and makes the map unmodifiable. */
    public PredictionFile {
        records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
    }

    /**
     * Reads and checks a predictions file.
     *
     * @param path the file
     * @return its records
     * @throws IOException when the file cannot be read or a line is malformed; the message names the file and line
     */
    public static PredictionFile read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("predictions file " + path + (Files.exists(path) ? " is not a regular file"
                    : " does not exist"));
        }
        // Decoded line by line (not through a reader, which decodes ahead) so that bad UTF-8 is blamed on its line.
        byte[] bytes = Files.readAllBytes(path);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        Map<RecordedPrediction.Key, RecordedPrediction> records = new LinkedHashMap<>();
        int lineNumber = 0;
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException(where(path, lineNumber) + ": not valid UTF-8", e);
            }
            start = end + 1;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark some editors write
            }
            if (line.isBlank()) {
                continue;
            }
            RecordedPrediction record = parse(path, lineNumber, line);
            RecordedPrediction earlier = records.putIfAbsent(record.key(), record);
            if (earlier != null) {
                throw new IOException(where(path, lineNumber) + ": duplicate prediction for task \""
                        + record.task() + "\" instance \"" + record.instance() + "\" (first on line "
                        + earlier.line() + ")");
            }
        }
        if (records.isEmpty()) {
            throw new IOException("predictions file " + path + " holds no predictions");
        }
        return new PredictionFile(path, records);
    }

    /**
     * @param key a (task, instance) pair
     * @return its recorded prediction, if the file has one
     */
    public Optional<RecordedPrediction> find(RecordedPrediction.Key key) {
        return Optional.ofNullable(records.get(key));
    }

    private static RecordedPrediction parse(Path path, int lineNumber, String line) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException(where(path, lineNumber) + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IOException(where(path, lineNumber) + ": expected a JSON object with "
                    + String.join(", ", FIELDS) + ", found " + describe(node));
        }
        String[] values = new String[FIELDS.size()];
        for (int i = 0; i < FIELDS.size(); i++) {
            String field = FIELDS.get(i);
            JsonNode value = node.get(field);
            if (value == null) {
                throw new IOException(where(path, lineNumber) + ": missing field \"" + field + "\"");
            }
            if (!value.isTextual()) {
                throw new IOException(where(path, lineNumber) + ": field \"" + field + "\" must be a string, found "
                        + describe(value));
            }
            values[i] = value.textValue();
        }
        return new RecordedPrediction(values[0], values[1], values[2], lineNumber);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(Locale.ROOT) + " "
                + abbreviate(node.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    static String where(Path path, int line) {
        return path + ":" + line;
    }
}
