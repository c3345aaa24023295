package org.imlbench.rundir;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Typed, checked access to the fields of a JSON object, with errors that name the file, line and field. */
final class JsonFields {
    private final JsonNode node;
    private final Path file;
    private final int line;

    JsonFields(JsonNode node, Path file, int line) throws RunDirectoryException {
        if (node == null || !node.isObject()) {
            throw new RunDirectoryException(file, line, "expected a JSON object");
        }
        this.node = node;
        this.file = file;
        this.line = line;
    }

    String requiredText(String field) throws RunDirectoryException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new RunDirectoryException(file, line, "field \"" + field + "\" must be a non-empty string");
        }
        return value.asText();
    }

    String optionalText(String field) throws RunDirectoryException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RunDirectoryException(file, line, "field \"" + field + "\" must be a string or null");
        }
        return value.asText();
    }

    boolean optionalBoolean(String field, boolean absent) throws RunDirectoryException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new RunDirectoryException(file, line, "field \"" + field + "\" must be true or false");
        }
        return value.asBoolean();
    }

    long optionalLong(String field, long absent) throws RunDirectoryException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber()) {
            throw new RunDirectoryException(file, line, "field \"" + field + "\" must be an integer");
        }
        return value.asLong();
    }

    int arraySize(String field) throws RunDirectoryException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isArray()) {
            throw new RunDirectoryException(file, line, "field \"" + field + "\" must be an array");
        }
        return value.size();
    }

    List<String> textList(String field) throws RunDirectoryException {
        JsonNode value = node.get(field);
        List<String> texts = new ArrayList<>();
        if (value == null || value.isNull()) {
            return texts;
        }
        if (!value.isArray()) {
            throw new RunDirectoryException(file, line, "field \"" + field + "\" must be an array of strings");
        }
        for (JsonNode item : value) {
            texts.add(item.asText());
        }
        return texts;
    }

    /** A flat object of scalars as strings (run.json's "versions" and model "details"). */
    Map<String, String> textMap(String field) throws RunDirectoryException {
        JsonNode value = node.get(field);
        Map<String, String> map = new TreeMap<>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            throw new RunDirectoryException(file, line, "field \"" + field + "\" must be an object");
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            map.put(entry.getKey(), entry.getValue().isValueNode() ? entry.getValue().asText()
                    : entry.getValue().toString());
        }
        return map;
    }

    JsonFields object(String field) throws RunDirectoryException {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new RunDirectoryException(file, line, "field \"" + field + "\" must be an object");
        }
        return new JsonFields(value, file, line);
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonNode raw() {
        return node;
    }
}
