package org.imlbench.templates.promptsource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.Instance;
import org.imlbench.api.Options;
import org.imlbench.api.PromptContext;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.templates.format.PromptSourceFormat;
import org.imlbench.testkit.LoadedSuite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSourceTaskProviderTest {
    private static final String TEMPLATES = """
            dataset: super_glue
            subset: rte
            templates:
              id-1: !Template
                answer_choices: Yes ||| No
                id: id-1
                jinja: '{{premise}} Does it follow that "{{hypothesis}}"? |||
                  {% if label != -1 %}{{ answer_choices[label] }}{% endif %}'
                metadata: !TemplateMetadata
                  choices_in_prompt: false
                  metrics: [Accuracy]
                  original_task: true
                name: does it follow
                reference: ''
              id-2: !Template
                id: id-2
                jinja: 'Write a hypothesis for: {{premise}} ||| {{hypothesis}}'
                metadata: !TemplateMetadata
                  metrics: [ROUGE]
                  original_task: false
                name: generate hypothesis
                reference: ''
            """;

    private final PromptSourceTaskProvider provider = new PromptSourceTaskProvider();
    @TempDir
    Path tmp;
    private Path templates;
    private Path data;

    @BeforeEach
    void files() throws Exception {
        templates = Files.createDirectories(tmp.resolve("templates/super_glue/rte"));
        Files.writeString(templates.resolve("templates.yaml"), TEMPLATES);
        data = Files.createDirectories(tmp.resolve("data/super_glue/rte"));
        Files.writeString(data.resolve("validation.jsonl"), """
                {"premise": "It rains.", "hypothesis": "It is wet.", "label": 0}
                {"premise": "A ||| B", "hypothesis": "C", "label": 1}
                {"premise": "Unlabelled.", "hypothesis": "?", "label": -1}
                """);
    }

    private LoadedSuite load(Map<String, String> options) throws TaskLoadException {
        Map<String, String> all = new HashMap<>(options);
        all.put("data", tmp.resolve("data").toString());
        return LoadedSuite.read(provider, new TaskSource("promptsource", Optional.of(tmp.resolve("templates")), 1,
                false, Options.of(all)));
    }

    @Test
    void oneTaskPerTemplateWithChoicesAndTargets() throws Exception {
        LoadedSuite suite = load(Map.of());
        assertEquals(List.of("promptsource/super_glue/rte/does_it_follow",
                "promptsource/super_glue/rte/generate_hypothesis"), suite.tasks().stream().map(Task::id).toList());
        Task follow = suite.tasks().get(0);
        assertEquals("Natural Language Inference", follow.category());
        assertEquals(2, follow.instances().size(), "the unlabelled document gives no target");
        Instance second = follow.instances().get(1);
        assertEquals("A ||| B Does it follow that \"C\"?", second.input());
        assertEquals(List.of("No"), second.references());
        assertEquals(List.of("Yes", "No"), second.options());
        RenderedPrompt prompt = new PromptSourceFormat().render(new PromptContext(follow, second, 0, List.of()));
        assertEquals(List.of(" Yes", " No"), prompt.continuations());
        Task generate = suite.tasks().get(1);
        assertEquals(3, generate.instances().size());
        assertTrue(generate.instances().get(0).options().isEmpty());
        assertEquals("ROUGE", generate.attributes().get(PromptSourceAttributes.METRICS));
    }

    @Test
    void trainingDocumentsFollowTheEvaluatedOnes() throws Exception {
        Files.writeString(data.resolve("train.jsonl"), "{\"premise\": \"T\", \"hypothesis\": \"U\", \"label\": 0}\n");
        assertEquals(List.of("0", "1", "train-0"), load(Map.of()).tasks().get(0).instances().stream()
                .map(Instance::id).toList());
        assertEquals(2, load(Map.of("training-docs", "0")).tasks().get(0).instances().size());
    }

    @Test
    void optionsPickTemplates() throws Exception {
        assertEquals(1, load(Map.of("templates", "generate hypothesis")).tasks().size());
        assertEquals(1, load(Map.of("templates", "id-1")).tasks().size());
        assertEquals(1, load(Map.of("original-task", "true")).tasks().size());
        TaskLoadException e = assertThrows(TaskLoadException.class, () -> load(Map.of("templates", "nope")));
        assertTrue(e.getMessage().contains("no template named nope"), e.getMessage());
        e = assertThrows(TaskLoadException.class, () -> load(Map.of("split", "train")));
        assertTrue(e.getMessage().contains("no data for split 'train'"), e.getMessage());
    }

    @Test
    void choiceDrawsAreTheSameOnEveryRead() throws Exception {
        Files.writeString(templates.resolve("templates.yaml"), TEMPLATES.replace(
                "'Write a hypothesis for: {{premise}} ||| {{hypothesis}}'",
                "'{{ [\"Write\", \"Give\", \"State\", \"Say\"] | choice }} a hypothesis: {{premise}} |||"
                        + " {{hypothesis}}'"));
        List<String> first = load(Map.of()).tasks().get(1).instances().stream().map(Instance::input).toList();
        assertEquals(first, load(Map.of()).tasks().get(1).instances().stream().map(Instance::input).toList());
    }
}
