package org.imlbench.tasks.niv2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imlbench.api.Demonstration;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.tasks.io.Json;
import org.imlbench.tasks.io.StrictText;

/**
 * Reads one Super-NaturalInstructions task file ({@code tasks/taskNNN_name.json}).
 *
 * <p>Mapping: task id {@code niv2/<file stem>}; category = the first entry of {@code Categories}; instruction =
 * the {@code Definition} entries joined by newlines; demonstrations = {@code Positive Examples}; each entry of
 * {@code Instances} becomes an instance whose references are all of its {@code output} strings. NIv2 has no answer
 * options, so every instance is a generation instance (the official evaluation scores them with ROUGE-L).
 */
final class Niv2TaskReader {
    private final Json json = new Json();
    private final Map<String, String> splitOfTask;

    /** @param splitOfTask the split list ({@code train}, {@code test}, {@code excluded}) naming each task, if any */
    Niv2TaskReader(Map<String, String> splitOfTask) {
        this.splitOfTask = Map.copyOf(splitOfTask);
    }

    Task read(Path file) throws TaskLoadException {
        String name = file.toString();
        JsonNode root = json.parse(name, StrictText.read(file));
        if (!root.isObject()) {
            throw new TaskLoadException(name, "expected a JSON object at the top level");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        String category = firstString(name, root, "Categories");
        String definition = String.join("\n", strings(name, root, "Definition"));
        if (definition.isBlank()) {
            throw new TaskLoadException(name, "\"Definition\" is empty");
        }
        List<Demonstration> positives = examples(name, root, "Positive Examples");
        List<Instance> instances = instances(name, stem, root);
        Map<String, String> attributes = new HashMap<>();
        attributes.put(Niv2TaskProvider.ATTR_CATEGORIES, String.join("; ", strings(name, root, "Categories")));
        JsonNode negatives = root.get("Negative Examples");
        if (negatives != null && negatives.isArray() && !negatives.isEmpty()) {
            try {
                attributes.put(Niv2TaskProvider.ATTR_NEGATIVE_EXAMPLES, json.mapper().writeValueAsString(negatives));
            } catch (JsonProcessingException e) {
                throw new TaskLoadException(name, "cannot re-encode \"Negative Examples\": " + e.getOriginalMessage(), e);
            }
        }
        String split = splitOfTask.get(stem);
        if (split != null) {
            attributes.put(Niv2TaskProvider.ATTR_SPLIT, split);
        }
        return new Task("niv2/" + stem, category, "niv2", definition, positives, instances, attributes);
    }

    private static List<Instance> instances(String file, String stem, JsonNode root) throws TaskLoadException {
        JsonNode array = root.get("Instances");
        if (array == null) {
            throw new TaskLoadException(file, "missing \"Instances\"");
        }
        if (!array.isArray()) {
            throw new TaskLoadException(file, "\"Instances\" is not a list");
        }
        if (array.isEmpty()) {
            throw new TaskLoadException(file, "\"Instances\" is empty");
        }
        List<Instance> instances = new ArrayList<>(array.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String where = "instance #" + i;
            if (!node.isObject()) {
                throw new TaskLoadException(file, where + ": not an object");
            }
            String id = node.hasNonNull("id") ? node.get("id").asText() : stem + "-" + i;
            where = "instance #" + i + " (" + id + ")";
            if (!ids.add(id)) {
                throw new TaskLoadException(file, where + ": duplicate instance id");
            }
            JsonNode input = node.get("input");
            if (input == null || !input.isTextual()) {
                throw new TaskLoadException(file, where + ": missing text \"input\"");
            }
            List<String> outputs = outputs(node.get("output"));
            if (outputs == null) {
                throw new TaskLoadException(file, where + ": \"output\" must be a string or a list of strings");
            }
            if (outputs.isEmpty()) {
                throw new TaskLoadException(file, where + ": no output");
            }
            instances.add(Instance.generation(id, input.asText(), outputs));
        }
        return instances;
    }

    /** Outputs are usually a list of strings; a few hand-edited files use one string. Null when malformed. */
    private static List<String> outputs(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode o : node) {
            if (!o.isTextual()) {
                return null;
            }
            out.add(o.asText());
        }
        return out;
    }

    private static List<Demonstration> examples(String file, JsonNode root, String field) throws TaskLoadException {
        JsonNode array = root.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new TaskLoadException(file, "\"" + field + "\" is not a list");
        }
        List<Demonstration> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            if (!e.isObject() || !e.path("input").isTextual()) {
                throw new TaskLoadException(file, "\"" + field + "\" #" + i + ": needs a text \"input\"");
            }
            List<String> outputs = outputs(e.get("output"));
            if (outputs == null || outputs.isEmpty()) {
                throw new TaskLoadException(file, "\"" + field + "\" #" + i + ": needs an \"output\"");
            }
            out.add(new Demonstration(e.get("input").asText(), outputs.get(0), e.path("explanation").asText("")));
        }
        return out;
    }

    private static String firstString(String file, JsonNode root, String field) throws TaskLoadException {
        List<String> values = strings(file, root, field);
        if (values.isEmpty() || values.get(0).isBlank()) {
            throw new TaskLoadException(file, "\"" + field + "\" is empty");
        }
        return values.get(0).strip();
    }

    private static List<String> strings(String file, JsonNode root, String field) throws TaskLoadException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new TaskLoadException(file, "missing \"" + field + "\"");
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw new TaskLoadException(file, "\"" + field + "\" must be a string or a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                throw new TaskLoadException(file, "\"" + field + "\" must contain only strings");
            }
            out.add(v.asText());
        }
        return out;
    }
}
