package org.imlbench.tasks.niv2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imlbench.api.Demonstration;
import org.imlbench.api.Instance;
import org.imlbench.api.SourceSplitRole;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.tasks.io.Json;

/**
 * Reads one Super-NaturalInstructions task file ({@code tasks/taskNNN_name.json}) token by token, so that a file of
 * thousands of instances never exists as a JSON tree (only as the task's instances).
 *
 * <p>Mapping: task id {@code niv2/<file stem>}; category = the first entry of {@code Categories}; instruction =
 * the {@code Definition} entries joined by newlines; demonstrations = {@code Positive Examples}; each entry of
 * {@code Instances} becomes an instance whose references are all of its {@code output} strings. NIv2 has no answer
 * options, so every instance is a generation instance (the official evaluation scores them with ROUGE-L). A task
 * named by the split lists gets {@link Niv2TaskProvider#ATTR_SPLIT} and, for the test and excluded lists, the
 * harness's {@link SourceSplitRole} (held out, excluded).
 */
final class Niv2TaskReader {
    private final Json json = new Json();
    private final Map<String, String> splitOfTask;

    /** @param splitOfTask the split list ({@code train}, {@code test}, {@code excluded}) naming each task, if any */
    Niv2TaskReader(Map<String, String> splitOfTask) {
        this.splitOfTask = Map.copyOf(splitOfTask);
    }

    /** The top-level fields of a task file that become the task; everything else is skipped unread. */
    private static final class Fields {
        List<String> categories;
        List<String> definition;
        List<Demonstration> positives = List.of();
        JsonNode negatives;
        List<Instance> instances;
    }

    Task read(Path file) throws TaskLoadException {
        String name = file.toString();
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        Fields fields = new Fields();
        try (JsonParser parser = json.open(file)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new TaskLoadException(name, "empty file");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new TaskLoadException(name, "expected a JSON object at the top level");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "Categories" -> fields.categories = Json.strings(parser, name, field);
                    case "Definition" -> fields.definition = Json.strings(parser, name, field);
                    case "Positive Examples" -> fields.positives = examples(parser, name, field);
                    case "Negative Examples" -> fields.negatives = json.mapper().readTree(parser);
                    case "Instances" -> fields.instances = instances(parser, name, stem);
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw json.readError(file, e);
        }
        return task(name, stem, fields);
    }

    private Task task(String name, String stem, Fields fields) throws TaskLoadException {
        if (fields.categories == null) {
            throw new TaskLoadException(name, "missing \"Categories\"");
        }
        if (fields.categories.isEmpty() || fields.categories.get(0).isBlank()) {
            throw new TaskLoadException(name, "\"Categories\" is empty");
        }
        if (fields.definition == null) {
            throw new TaskLoadException(name, "missing \"Definition\"");
        }
        String definition = String.join("\n", fields.definition);
        if (definition.isBlank()) {
            throw new TaskLoadException(name, "\"Definition\" is empty");
        }
        if (fields.instances == null) {
            throw new TaskLoadException(name, "missing \"Instances\"");
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put(Niv2TaskProvider.ATTR_CATEGORIES, String.join("; ", fields.categories));
        if (fields.negatives != null && fields.negatives.isArray() && !fields.negatives.isEmpty()) {
            try {
                attributes.put(Niv2TaskProvider.ATTR_NEGATIVE_EXAMPLES,
                        json.mapper().writeValueAsString(fields.negatives));
            } catch (IOException e) {
                throw new TaskLoadException(name, "cannot re-encode \"Negative Examples\": " + e.getMessage(), e);
            }
        }
        String split = splitOfTask.get(stem);
        if (split != null) {
            attributes.put(Niv2TaskProvider.ATTR_SPLIT, split);
            Niv2TaskProvider.roleOf(split).ifPresent(role -> attributes.put(SourceSplitRole.ATTRIBUTE, role.value()));
        }
        return new Task("niv2/" + stem, fields.categories.get(0).strip(), "niv2", definition, fields.positives,
                fields.instances, attributes);
    }

    private static List<Instance> instances(JsonParser parser, String file, String stem) throws IOException,
            TaskLoadException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new TaskLoadException(file, "\"Instances\" is not a list");
        }
        List<Instance> instances = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new TaskLoadException(file, "instance #" + i + ": not an object");
            }
            String id = null;
            String input = null;
            List<String> outputs = null;
            boolean hasOutput = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> id = value == JsonToken.VALUE_NULL ? null : Json.scalarText(parser);
                    case "input" -> {
                        input = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        parser.skipChildren();
                    }
                    case "output" -> {
                        hasOutput = value != JsonToken.VALUE_NULL;
                        outputs = Json.stringOrStrings(parser);
                    }
                    default -> parser.skipChildren();
                }
            }
            id = id != null ? id : stem + "-" + i;
            String where = "instance #" + i + " (" + id + ")";
            if (!ids.add(id)) {
                throw new TaskLoadException(file, where + ": duplicate instance id");
            }
            if (input == null) {
                throw new TaskLoadException(file, where + ": missing text \"input\"");
            }
            if (!hasOutput || outputs == null) {
                throw new TaskLoadException(file, where + ": \"output\" must be a string or a list of strings");
            }
            if (outputs.isEmpty()) {
                throw new TaskLoadException(file, where + ": no output");
            }
            instances.add(Instance.generation(id, input, outputs));
        }
        if (instances.isEmpty()) {
            throw new TaskLoadException(file, "\"Instances\" is empty");
        }
        return instances;
    }

    private static List<Demonstration> examples(JsonParser parser, String file, String field) throws IOException,
            TaskLoadException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw new TaskLoadException(file, "\"" + field + "\" is not a list");
        }
        List<Demonstration> out = new ArrayList<>();
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new TaskLoadException(file, "\"" + field + "\" #" + i + ": needs a text \"input\"");
            }
            String input = null;
            List<String> outputs = null;
            String explanation = "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "input" -> {
                        input = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        parser.skipChildren();
                    }
                    case "output" -> outputs = value == JsonToken.VALUE_NULL ? null : Json.stringOrStrings(parser);
                    case "explanation" -> explanation = Json.scalarText(parser);
                    default -> parser.skipChildren();
                }
            }
            if (input == null) {
                throw new TaskLoadException(file, "\"" + field + "\" #" + i + ": needs a text \"input\"");
            }
            if (outputs == null || outputs.isEmpty()) {
                throw new TaskLoadException(file, "\"" + field + "\" #" + i + ": needs an \"output\"");
            }
            out.add(new Demonstration(input, outputs.get(0), explanation));
        }
        return out;
    }
}
