package org.imlbench.tasks.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.imlbench.api.TaskLoadException;

/** Parses task files into JSON trees, turning parse errors into messages with the file, line and column. */
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
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            String what = e.getOriginalMessage();
            if (what != null && what.startsWith("Unexpected end-of-input")) {
                what = "truncated JSON (" + what + ")";
            }
            throw new TaskLoadException(file, where + "invalid JSON: " + what, e);
        }
    }

    /** @return the mapper, for writing JSON text */
    public ObjectMapper mapper() {
        return mapper;
    }
}
