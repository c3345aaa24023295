package org.imlbench.tasks.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.TaskLoadException;

/**
 * Reads task files as JSON: whole small files as trees, large task files token by token (a Super-NaturalInstructions
 * file holds up to 6,500 instances, and a tree of it costs several times its size), turning parse errors into
 * messages with the file, line and column.
 */
public final class Json {
    private final ObjectMapper mapper = JsonMapper.builder()
            // Super-NaturalInstructions files contain "URL": [NaN], which Python writes and strict JSON forbids
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /**
     * @param file the file name for messages
     * @param text the file's text
     * @return the parsed tree
     * @throws TaskLoadException naming the file, line and column of the syntax error
     */
    public JsonNode parse(String file, String text) throws TaskLoadException {
        if (text.isBlank()) {
            throw new TaskLoadException(file, "empty file");
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        }
    }

    /**
     * Opens a file for reading token by token; close the parser when done. Bytes are read as UTF-8.
     *
     * @param file the file
     * @return a parser positioned before the first token
     * @throws TaskLoadException when the file cannot be opened
     */
    public JsonParser open(Path file) throws TaskLoadException {
        try {
            JsonFactory factory = mapper.getFactory();
            return factory.createParser(Files.newInputStream(file));
        } catch (IOException e) {
            throw new TaskLoadException(file.toString(), "cannot read: " + e, e);
        }
    }

    /**
     * Explains why reading a file token by token failed. Bytes that are not UTF-8 are named as {@link StrictText}
     * names them (the line of the first bad byte), whatever token the parser was on when it met them.
     *
     * @param file the file
     * @param e the failure
     * @return the error to throw
     */
    public TaskLoadException readError(Path file, IOException e) {
        try {
            StrictText.read(file);
        } catch (TaskLoadException notUtf8) {
            return notUtf8;
        }
        if (e instanceof JsonProcessingException json) {
            return syntaxError(file.toString(), json);
        }
        return new TaskLoadException(file.toString(), "cannot read: " + e, e);
    }

    private static TaskLoadException syntaxError(String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        String what = e.getOriginalMessage();
        if (what != null && what.startsWith("Unexpected end-of-input")) {
            what = "truncated JSON (" + what + ")";
        }
        return new TaskLoadException(file, where + "invalid JSON: " + what, e);
    }

    /**
     * Reads the value the parser is on as one string or a list of strings, as task files write text fields.
     *
     * @param parser a parser on the first token of the value
     * @param file the file, for messages
     * @param field the field's name, for messages
     * @return the strings, or null when the value is JSON {@code null}
     * @throws TaskLoadException when the value is neither
     * @throws IOException when reading fails
     */
    public static List<String> strings(JsonParser parser, String file, String field) throws IOException,
            TaskLoadException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING) {
            return List.of(parser.getText());
        }
        if (token != JsonToken.START_ARRAY) {
            throw new TaskLoadException(file, "\"" + field + "\" must be a string or a list of strings");
        }
        List<String> out = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new TaskLoadException(file, "\"" + field + "\" must contain only strings");
            }
            out.add(parser.getText());
        }
        return out;
    }

    /**
     * Reads the value the parser is on as one string or a list of strings and consumes it whatever it is.
     *
     * @param parser a parser on the first token of the value
     * @return the strings, or null when the value is anything else
     * @throws IOException when reading fails
     */
    public static List<String> stringOrStrings(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return List.of(parser.getText());
        }
        if (token != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean allText = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                out.add(parser.getText());
            } else {
                allText = false;
                parser.skipChildren();
            }
        }
        return allText ? out : null;
    }

    /**
     * The text a tree's {@code asText()} would give for the value the parser is on (a scalar's text; empty for null,
     * objects and lists), consuming the value.
     *
     * @param parser a parser on the first token of the value
     * @return the text
     * @throws IOException when reading fails
     */
    public static String scalarText(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        if (token.isScalarValue()) {
            return parser.getText();
        }
        parser.skipChildren();
        return "";
    }

    /** @return the mapper, for writing JSON text */
    public ObjectMapper mapper() {
        return mapper;
    }
}
