package org.imlbench.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.Instance;
import org.imlbench.api.Metric;
import org.imlbench.api.Options;
import org.imlbench.api.Prediction;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.templates.format.LmEvalFormat;
import org.imlbench.templates.format.PromptSourceFormat;
import org.imlbench.templates.lmeval.LmEvalExactMatch;
import org.imlbench.templates.lmeval.LmEvalTaskProvider;
import org.imlbench.templates.promptsource.PromptSourceTaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.imlbench.testkit.MetricContract;
import org.imlbench.testkit.PromptFormatContract;
import org.imlbench.testkit.TaskCategoryContract;
import org.junit.jupiter.api.Nested;

/**
 * The templates plugin's task sources, formats and metric pass the plugin authors' contract kit, on the lm-eval
 * walk-through of docs/examples (both output types: its two multiple-choice tasks and a generation task written here)
 * and a PromptSource template file written here.
 */
class TemplatesContractTest {
    private static final Path EXAMPLE = Path.of(System.getProperty("imlbench.repo", "../.."))
            .resolve("docs/examples/lm-eval-tasks");

    /** A folder with the walk-through's tasks plus one generate_until task with exact-match options, and its data. */
    private static Path lmEvalFolder() {
        try {
            Path root = Files.createTempDirectory("lm-eval-contract");
            Path tasks = Files.createDirectories(root.resolve("tasks"));
            try (var files = Files.list(EXAMPLE.resolve("tasks"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, tasks.resolve(file.getFileName()));
                }
            }
            Files.writeString(tasks.resolve("capitals.yaml"), """
                    task: capitals
                    tag: geography
                    dataset_path: example/capitals
                    test_split: test
                    output_type: generate_until
                    doc_to_text: "What is the capital of {{country}}?\\nAnswer:"
                    doc_to_target: "{{capital}}"
                    generation_kwargs:
                      until: ["\\n"]
                    metric_list:
                      - metric: exact_match
                        ignore_case: true
                    """);
            Path data = root.resolve("data");
            copyTree(EXAMPLE.resolve("data"), data);
            Path capitals = Files.createDirectories(data.resolve("example/capitals/default"));
            Files.writeString(capitals.resolve("test.jsonl"), """
                    {"country": "France", "capital": "Paris"}
                    {"country": "Japan", "capital": "Tokyo"}
                    {"country": "Kenya", "capital": "Nairobi"}
                    {"country": "Peru", "capital": "Lima"}
                    """);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static final Path LM_EVAL = lmEvalFolder();

    private static TaskSource lmEval(long seed) {
        return new TaskSource("lm-eval", Optional.of(LM_EVAL.resolve("tasks")), seed, false,
                Options.of(Map.of("data", LM_EVAL.resolve("data").toString())));
    }

    /** A PromptSource template file with a choice template and a generation template, and its data. */
    private static Path promptSourceFolder() {
        try {
            Path root = Files.createTempDirectory("promptsource-contract");
            Path templates = Files.createDirectories(root.resolve("templates/super_glue/rte"));
            Files.writeString(templates.resolve("templates.yaml"), """
                    dataset: super_glue
                    subset: rte
                    templates:
                      id-1: !Template
                        answer_choices: Yes ||| No
                        id: id-1
                        jinja: '{{premise}} Does it follow that "{{hypothesis}}"? ||| {{ answer_choices[label] }}'
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
                    """);
            Path data = Files.createDirectories(root.resolve("data/super_glue/rte"));
            Files.writeString(data.resolve("validation.jsonl"), """
                    {"premise": "It rains.", "hypothesis": "It is wet.", "label": 0}
                    {"premise": "The cat sleeps.", "hypothesis": "The cat runs.", "label": 1}
                    {"premise": "Ice is cold.", "hypothesis": "Ice is frozen water.", "label": 0}
                    """);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Path PROMPTSOURCE = promptSourceFolder();

    private static TaskSource promptSource(long seed) {
        return new TaskSource("promptsource", Optional.of(PROMPTSOURCE.resolve("templates")), seed, false,
                Options.of(Map.of("data", PROMPTSOURCE.resolve("data").toString())));
    }

    private static List<Task> read(TaskCategoryProvider provider, TaskSource source) {
        try {
            return LoadedSuite.read(provider, source).tasks();
        } catch (TaskLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class LmEvalSource extends TaskCategoryContract {
        @Override
        protected TaskCategoryProvider provider() {
            return new LmEvalTaskProvider();
        }

        @Override
        protected TaskSource source(long seed) {
            return lmEval(seed);
        }
    }

    @Nested
    class PromptSourceSource extends TaskCategoryContract {
        @Override
        protected TaskCategoryProvider provider() {
            return new PromptSourceTaskProvider();
        }

        @Override
        protected TaskSource source(long seed) {
            return promptSource(seed);
        }
    }

    @Nested
    class LmEvalFormatContract extends PromptFormatContract {
        @Override
        protected PromptFormat format() {
            return new LmEvalFormat();
        }

        @Override
        protected List<Task> tasks() {
            return read(new LmEvalTaskProvider(), lmEval(1));
        }
    }

    @Nested
    class PromptSourceFormatContract extends PromptFormatContract {
        @Override
        protected PromptFormat format() {
            return new PromptSourceFormat();
        }

        @Override
        protected List<Task> tasks() {
            return read(new PromptSourceTaskProvider(), promptSource(1));
        }
    }

    @Nested
    class ExactMatchContract extends MetricContract {
        @Override
        protected Metric metric() {
            return new LmEvalExactMatch();
        }

        /** The generation task's instances answered exactly, in another case, wrongly and with nothing. */
        @Override
        protected List<Sample> samples() {
            Task capitals = read(new LmEvalTaskProvider(), lmEval(1)).stream()
                    .filter(t -> t.id().equals("lm-eval/capitals")).findFirst().orElseThrow();
            List<Sample> out = new ArrayList<>();
            for (Instance instance : capitals.instances()) {
                RenderedPrompt prompt = new LmEvalFormat().render(new PromptContext(capitals,
                        instance, 0, List.of()));
                for (String text : List.of(instance.references().get(0), instance.references().get(0).toUpperCase(),
                        "somewhere else", "")) {
                    out.add(new Sample(capitals, instance, "lm-eval", prompt, new Prediction.Text(text)));
                }
            }
            return out;
        }
    }
}
