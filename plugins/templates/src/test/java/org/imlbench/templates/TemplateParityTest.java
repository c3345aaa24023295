package org.imlbench.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imlbench.api.Instance;
import org.imlbench.api.Options;
import org.imlbench.api.PromptContext;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.api.TaskProblem;
import org.imlbench.api.TaskSource;
import org.imlbench.templates.format.LmEvalFormat;
import org.imlbench.templates.format.PromptSourceFormat;
import org.imlbench.templates.lmeval.LmEvalAttributes;
import org.imlbench.templates.lmeval.LmEvalTaskProvider;
import org.imlbench.templates.promptsource.PromptSourceAttributes;
import org.imlbench.templates.promptsource.PromptSourceTaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendering parity with Python's Jinja2 on the real lm-evaluation-harness task files ({@code ../shared/data/lm-eval})
 * and PromptSource template files ({@code ../shared/data/promptsource}; or the folders {@code harness data get}
 * fills, through {@code IMLBENCH_DATA}): every task is rendered over small documents shaped like its dataset
 * ({@code parity/parity-docs.json}, written here in the data layout) by imlbench and by
 * {@code parity/render_reference.py} (Jinja2 with lm-eval's and PromptSource's rules), and the inputs, choices,
 * references, zero-shot and two-shot prompts, targets and continuations must be equal, character for character. Tasks
 * whose datasets have no documents there are not compared.
 */
class TemplateParityTest {
    /** Every split name the shared task files use; each dataset's documents are written under all of them. */
    private static final List<String> SPLITS = List.of("test", "validation", "train", "dev", "devtest", "eval", "val",
            "valid", "default");
    private static final int SHOTS = 2;

    @Test
    void lmEvalTasksRenderAsLmEvaluationHarnessDoes(@TempDir Path tmp) throws Exception {
        ReferencePython.require();
        Path tasks = SharedData.data("lm-eval/tasks");
        Path data = writeData(tmp, "lm-eval");
        JsonNode reference = ReferencePython.run("lm-eval", tasks.toString(), data.toString(), String.valueOf(SHOTS));
        LoadedSuite suite = LoadedSuite.read(new LmEvalTaskProvider(), source("lm-eval", tasks, data));
        Map<String, Task> byName = new HashMap<>();
        suite.tasks().forEach(t -> byName.put(t.id().substring("lm-eval/".length()), t));
        Map<String, String> refused = new HashMap<>();
        suite.problems().forEach(p -> refused.put(Path.of(p.file()).toAbsolutePath().normalize().toString(),
                p.message()));
        List<String> diffs = new ArrayList<>();
        LmEvalFormat format = new LmEvalFormat();
        int compared = 0;
        for (JsonNode entry : reference) {
            String name = entry.get("task").asText();
            String file = tasks.resolve(entry.get("file").asText()).toAbsolutePath().normalize().toString();
            Task task = byName.get(name);
            if (entry.has("error")) {
                if (task != null) {
                    diffs.add(name + ": Python fails (" + entry.get("error").asText() + ") but imlbench loads it");
                }
                continue;
            }
            if (task == null) {
                diffs.add(name + ": imlbench refuses it: " + refused.getOrDefault(file, "(not loaded)"));
                continue;
            }
            // the reference takes the first few-shot documents, as lm-eval's first_n sampler does
            Map<String, String> attributes = new LinkedHashMap<>(task.attributes());
            attributes.put(LmEvalAttributes.FEWSHOT_SAMPLER, "first_n");
            Task firstN = new Task(task.id(), task.category(), task.source(), task.instruction(),
                    task.demonstrations(), task.instances(), attributes);
            JsonNode docs = entry.get("docs");
            // the evaluated split's documents (those of training_split follow, with ids "<split>-<i>")
            List<Instance> evaluated = task.instances().stream().filter(in -> !in.id().contains("-")).toList();
            check(diffs, name, "documents", docs.size(), evaluated.size());
            for (int i = 0; i < Math.min(docs.size(), evaluated.size()); i++) {
                JsonNode doc = docs.get(i);
                Instance instance = evaluated.get(i);
                String where = name + " #" + i;
                check(diffs, where, "text", doc.get("text").asText(),
                        instance.attributes().getOrDefault(LmEvalAttributes.TEXT, instance.input()));
                check(diffs, where, "references", strings(doc.get("references")), instance.references());
                List<String> choices = doc.get("choices").isNull() ? List.of() : strings(doc.get("choices"));
                if (task.hasOptions()) {
                    check(diffs, where, "choices", choices, instance.options());
                }
                RenderedPrompt zero = format.render(new PromptContext(firstN, instance, 0, List.of()));
                check(diffs, where, "prompt", doc.get("prompt").asText(), zero.source());
                check(diffs, where, "target", doc.get("target").asText(), zero.target());
                if (task.hasOptions()) {
                    check(diffs, where, "continuations", strings(doc.get("continuations")), zero.continuations());
                }
                int shots = doc.get("shots").asInt();
                RenderedPrompt few = format.render(new PromptContext(firstN, instance, shots, List.of()));
                check(diffs, where, shots + "-shot prompt", doc.get("promptWithShots").asText(), few.source());
                compared++;
            }
        }
        assertTrue(diffs.isEmpty(), diffs.size() + " differences from Jinja2 (" + compared + " documents compared):\n"
                + String.join("\n", diffs.subList(0, Math.min(diffs.size(), 40))));
        assertTrue(reference.size() >= 60, "the shared folder holds " + reference.size() + " tasks, expected 60+");
        assertTrue(compared >= 3 * 60, compared + " documents compared");
    }

    @Test
    void promptSourceTemplatesRenderAsPromptSourceDoes(@TempDir Path tmp) throws Exception {
        ReferencePython.require();
        Path templates = documented(SharedData.data("promptsource"), tmp);
        Path data = writeData(tmp, "promptsource");
        JsonNode reference = ReferencePython.run("promptsource", templates.toString(), data.toString(),
                String.valueOf(SHOTS));
        LoadedSuite suite = LoadedSuite.read(new PromptSourceTaskProvider(), source("promptsource", templates, data));
        Map<String, Task> byKey = new HashMap<>();
        for (Task t : suite.tasks()) {
            String dataset = t.id().substring("promptsource/".length(), t.id().lastIndexOf('/'));
            byKey.put(dataset + "/" + t.attributes().get(PromptSourceAttributes.TEMPLATE_NAME), t);
        }
        List<String> diffs = new ArrayList<>();
        for (TaskProblem p : suite.problems()) {
            diffs.add("imlbench refuses " + p);
        }
        PromptSourceFormat format = new PromptSourceFormat();
        int compared = 0;
        for (JsonNode entry : reference) {
            String key = entry.get("task").asText();
            Task task = byKey.get(key);
            Map<String, Instance> instances = new HashMap<>();
            if (task != null) {
                task.instances().forEach(in -> instances.put(in.id(), in));
            }
            JsonNode docs = entry.get("docs");
            for (int i = 0; i < docs.size(); i++) {
                List<String> parts = strings(docs.get(i).get("parts"));
                Instance instance = instances.get(String.valueOf(i));
                String where = key + " #" + i;
                boolean hasTarget = parts.size() >= 2 && !parts.get(1).isEmpty();
                if (!hasTarget) {
                    check(diffs, where, "instance (PromptSource gives no target)", null,
                            instance == null ? null : instance.input());
                    continue;
                }
                if (instance == null) {
                    diffs.add(where + ": imlbench has no instance");
                    continue;
                }
                check(diffs, where, "input", parts.get(0), instance.input());
                check(diffs, where, "target", List.of(parts.get(1)), instance.references());
                JsonNode choices = docs.get(i).get("choices");
                List<String> options = choices.isNull() || !strings(choices).contains(parts.get(1)) ? List.of()
                        : strings(choices);
                check(diffs, where, "choices", options, instance.options());
                RenderedPrompt prompt = format.render(new PromptContext(task, instance, 0, List.of()));
                check(diffs, where, "prompt", parts.get(0), prompt.source());
                check(diffs, where, "continuations", options.stream().map(o -> " " + o).toList(),
                        prompt.continuations());
                compared++;
            }
        }
        assertTrue(diffs.isEmpty(), diffs.size() + " differences from PromptSource (" + compared
                + " documents compared):\n" + String.join("\n", diffs.subList(0, Math.min(diffs.size(), 40))));
        assertEquals(15, reference.findValues("file").stream().map(JsonNode::asText).distinct().count(),
                "template files");
        assertTrue(compared >= 250, compared + " documents compared");
    }

    private static TaskSource source(String kind, Path path, Path data) {
        return new TaskSource(kind, Optional.of(path), 1, true, Options.of(Map.of("data", data.toString())));
    }

    /**
     * The template files of the datasets that {@code parity-docs.json} has documents for, copied from the data folder
     * into {@code tmp/templates} in PromptSource's layout: the folder may hold PromptSource's every template (as
     * {@code harness data get promptsource} leaves it), whose datasets have no documents here.
     */
    private static Path documented(Path templates, Path tmp) throws IOException {
        Path out = tmp.resolve("templates");
        for (Map.Entry<String, JsonNode> dataset : parityDocs().get("promptsource").properties()) {
            String key = dataset.getKey();
            String folder = key.endsWith("/default") ? key.substring(0, key.length() - "/default".length()) : key;
            Path target = out.resolve(folder).resolve("templates.yaml");
            Files.createDirectories(target.getParent());
            Files.copy(templates.resolve(folder).resolve("templates.yaml"), target);
        }
        return out;
    }

    private static JsonNode parityDocs() throws IOException {
        try (InputStream in = TemplateParityTest.class.getResourceAsStream("parity/parity-docs.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** Writes {@code parity-docs.json}'s documents of one source as {@code DIR/<dataset>/<config>/<split>.jsonl}. */
    private static Path writeData(Path tmp, String kind) throws IOException {
        JsonNode all = parityDocs();
        ObjectMapper json = new ObjectMapper();
        Path data = tmp.resolve("data");
        for (Map.Entry<String, JsonNode> dataset : all.get(kind).properties()) {
            Path folder = data.resolve(dataset.getKey());
            Files.createDirectories(folder);
            StringBuilder lines = new StringBuilder();
            for (JsonNode doc : dataset.getValue()) {
                lines.append(json.writeValueAsString(doc)).append('\n');
            }
            for (String split : SPLITS) {
                Files.writeString(folder.resolve(split + ".jsonl"), lines, StandardCharsets.UTF_8);
            }
        }
        return data;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void check(List<String> diffs, String where, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            diffs.add(where + ": " + what + "\n    Jinja2:   " + show(expected) + "\n    imlbench: " + show(actual));
        }
    }

    private static String show(Object value) {
        return value == null ? "null" : value.toString().replace("\n", "\\n");
    }
}
