package org.imlbench.tasks.csv;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.imlbench.api.TaskLoadException;
import org.imlbench.tasks.io.Json;
import org.imlbench.tasks.io.StrictText;

/**
 * A CSV task's name, category and instruction, from {@code # key: value} comment lines before the header row and
 * from an optional sidecar {@code <file>.json} object with the same keys (the sidecar wins).
 *
 * @param name the task name (default: the file name without {@code .csv})
 * @param category the category (default {@value #DEFAULT_CATEGORY})
 * @param instruction the instruction (default empty); repeated {@code # instruction:} lines are joined by newlines
 */
record CsvMetadata(String name, String category, String instruction) {
    static final String DEFAULT_CATEGORY = "Custom";
    static final Set<String> KEYS = Set.of("name", "category", "instruction");

    /**
     * @param file the CSV file
     * @param headerComment the comment lines before the header row (without {@code #}), or null
     * @return the metadata
     * @throws TaskLoadException on an unknown key or a malformed sidecar
     */
    static CsvMetadata read(Path file, String headerComment) throws TaskLoadException {
        Map<String, String> values = new LinkedHashMap<>();
        if (headerComment != null) {
            for (String line : headerComment.split("\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue; // a free-text comment
                }
                String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                if (!key.matches("[a-z_-]+")) {
                    continue;
                }
                if (!KEYS.contains(key)) {
                    throw new TaskLoadException(file.toString(), "header comment: unknown key \"" + key
                            + "\" (allowed: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
                }
                String value = line.substring(colon + 1).strip();
                values.merge(key, value, (a, b) -> a + "\n" + b);
            }
        }
        Path sidecar = file.resolveSibling(file.getFileName() + ".json");
        if (Files.isRegularFile(sidecar)) {
            values.putAll(readSidecar(sidecar));
        }
        String stem = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        String name = values.getOrDefault("name", stem).strip();
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new TaskLoadException(file.toString(), "task name \"" + name
                    + "\" may only contain letters, digits, '.', '_' and '-'");
        }
        String category = values.getOrDefault("category", DEFAULT_CATEGORY).strip();
        if (category.isEmpty()) {
            throw new TaskLoadException(file.toString(), "category is empty");
        }
        return new CsvMetadata(name, category, values.getOrDefault("instruction", "").strip());
    }

    private static Map<String, String> readSidecar(Path sidecar) throws TaskLoadException {
        JsonNode root = new Json().parse(sidecar.toString(), StrictText.read(sidecar));
        if (!root.isObject()) {
            throw new TaskLoadException(sidecar.toString(), "expected a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!KEYS.contains(field.getKey())) {
                unknown.add(field.getKey());
            } else if (!field.getValue().isTextual()) {
                throw new TaskLoadException(sidecar.toString(), "\"" + field.getKey() + "\" must be a string");
            } else {
                values.put(field.getKey(), field.getValue().asText());
            }
        }
        if (!unknown.isEmpty()) {
            throw new TaskLoadException(sidecar.toString(), "unknown keys " + unknown + " (allowed: "
                    + String.join(", ", KEYS.stream().sorted().toList()) + ")");
        }
        return values;
    }
}
