package org.imlbench.templates.lmeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.imlbench.api.Instance;
import org.imlbench.api.Options;
import org.imlbench.api.PromptContext;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.api.UsageException;
import org.imlbench.templates.format.LmEvalFormat;
import org.imlbench.testkit.LoadedSuite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmEvalTaskProviderTest {
    private final LmEvalTaskProvider provider = new LmEvalTaskProvider();
    @TempDir
    Path tmp;
    private Path tasks;
    private Path data;

    @BeforeEach
    void folders() throws Exception {
        tasks = Files.createDirectories(tmp.resolve("tasks"));
        data = Files.createDirectories(tmp.resolve("data"));
        docs("org/nli", "vi", "validation", "{\"premise\": \"P0\", \"hypothesis\": \"H0\", \"label\": 2}",
                "{\"premise\": \"P1\", \"hypothesis\": \"H1\", \"label\": 0}",
                "{\"premise\": \"P2\", \"hypothesis\": \"H2\", \"label\": 1}");
        docs("org/qa", null, "test", "{\"question\": \" What is 2+2? \", \"answer\": \"4\"}",
                "{\"question\": \"Capital of France?\", \"answer\": \"Paris\"}");
        docs("org/qa", null, "dev", "{\"question\": \"1+1?\", \"answer\": \"2\"}",
                "{\"question\": \"Red and blue?\", \"answer\": \"purple\"}",
                "{\"question\": \"3+3?\", \"answer\": \"6\"}");
    }

    private void docs(String path, String name, String split, String... lines) throws Exception {
        Path folder = Files.createDirectories(data.resolve(path).resolve(name == null ? "default" : name));
        Files.writeString(folder.resolve(split + ".jsonl"), String.join("\n", lines) + "\n");
    }

    private Path yaml(String file, String text) throws Exception {
        Path path = tasks.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        return path;
    }

    private LoadedSuite load(boolean skip, Map<String, String> options) throws TaskLoadException {
        Map<String, String> all = new HashMap<>(options);
        all.put("data", data.toString());
        return LoadedSuite.read(provider, new TaskSource("lm-eval", Optional.of(tasks), 1, skip, Options.of(all)));
    }

    private static final String NLI = """
            task: nli_vi
            tag: [xnli, multilingual]
            dataset_path: org/nli
            dataset_name: vi
            validation_split: validation
            output_type: multiple_choice
            doc_to_text: ""
            doc_to_target: label
            doc_to_choice: "{{[premise+', right? Yes, '+hypothesis, premise+', right? Also, '+hypothesis,
              premise+', right? No, '+hypothesis]}}"
            """;

    private static final String QA = """
            include: _qa_base_yaml
            task: qa_gen
            description: "Answer the question.\\n\\n"
            doc_to_text: "Q: {{question.strip()}}\\nA:"
            doc_to_target: "{{answer}}"
            fewshot_split: dev
            fewshot_config:
              sampler: first_n
            generation_kwargs:
              until: ["\\n"]
            metric_list:
              - metric: exact_match
                ignore_case: true
                ignore_punctuation: true
            filter_list:
              - name: strict
                filter:
                  - function: regex
                    regex_pattern: "answer is (\\\\w+)"
                  - function: take_first
            """;

    @Test
    void readsTasksWithIncludesChoicesAndFewShotExamples() throws Exception {
        yaml("xnli/nli_vi.yaml", NLI);
        yaml("qa/_qa_base_yaml", "dataset_path: org/qa\ntest_split: test\noutput_type: generate_until\n");
        yaml("qa/qa_gen.yaml", QA);
        LoadedSuite suite = load(false, Map.of());
        assertEquals(List.of(), suite.problems());
        Task nli = suite.task("lm-eval/nli_vi");
        assertEquals("xnli", nli.category());
        assertEquals("lm-eval", nli.source());
        assertEquals(3, nli.instances().size());
        Instance first = nli.instances().get(0);
        assertEquals(List.of("P0, right? Yes, H0", "P0, right? Also, H0", "P0, right? No, H0"), first.options());
        assertEquals(List.of("P0, right? No, H0"), first.references());
        // every prompt is empty (as in lm-eval's XNLI): the choices are the input the harness tells instances by
        assertEquals(String.join("\n", first.options()), first.input());
        RenderedPrompt prompt = new LmEvalFormat().render(new PromptContext(nli, first, 0, List.of()));
        assertEquals("", prompt.source());
        assertEquals(" P0, right? No, H0", prompt.target());

        Task qa = suite.task("lm-eval/qa_gen");
        assertEquals("qa", qa.category());
        assertEquals("Answer the question.", qa.instruction());
        assertEquals(3, qa.demonstrations().size());
        Instance q = qa.instances().get(0);
        assertEquals("Q: What is 2+2?\nA:", q.input());
        RenderedPrompt twoShot = new LmEvalFormat().render(new PromptContext(qa, q, 2, List.of()));
        assertEquals("Answer the question.\n\nQ: 1+1?\nA: 2\n\nQ: Red and blue?\nA: purple\n\nQ: What is 2+2?\nA:",
                twoShot.source());
        assertEquals(" 4", twoShot.target());
        assertEquals(List.of("\n"), twoShot.stopSequences());
        assertEquals("lm_eval_exact_match", qa.attributes().get(LmEvalAttributes.METRICS));
    }

    @Test
    void trainingDocumentsFollowTheEvaluatedOnes() throws Exception {
        yaml("qa/_qa_base_yaml", "dataset_path: org/qa\ntest_split: test\ntraining_split: dev\n"
                + "output_type: generate_until\n");
        yaml("qa/qa_gen.yaml", QA);
        Task qa = load(false, Map.of()).task("lm-eval/qa_gen");
        assertEquals(List.of("0", "1", "dev-0", "dev-1", "dev-2"), qa.instances().stream().map(Instance::id).toList());
        assertEquals("dev", qa.instances().get(2).attributes().get(LmEvalAttributes.SPLIT));
        assertEquals(List.of("0", "1", "dev-0"), load(false, Map.of("training-docs", "1")).task("lm-eval/qa_gen")
                .instances().stream().map(Instance::id).toList());
    }

    @Test
    void categoriesComeFromTheCategoryKeyTagGroupTaskOrFolder() throws Exception {
        yaml("xnli/nli_vi.yaml", NLI);
        yaml("qa/_qa_base_yaml", "dataset_path: org/qa\ntest_split: test\noutput_type: generate_until\n");
        yaml("qa/qa_gen.yaml", QA);
        yaml("groups/reasoning.yaml", "group: reasoning\ntask:\n  - qa_gen\n  - nli_vi\n");
        assertEquals("xnli", load(false, Map.of()).task("lm-eval/nli_vi").category());
        assertEquals("reasoning", load(false, Map.of()).task("lm-eval/qa_gen").category());
        assertEquals("reasoning", load(false, Map.of("category-from", "group")).task("lm-eval/nli_vi").category());
        assertEquals("nli_vi", load(false, Map.of("category-from", "task")).task("lm-eval/nli_vi").category());
        assertEquals("xnli", load(false, Map.of("category-from", "folder")).task("lm-eval/nli_vi").category());
        yaml("xnli/nli_vi.yaml", NLI + "category: Textual Entailment\n");
        assertEquals("Textual Entailment", load(false, Map.of()).task("lm-eval/nli_vi").category());
        assertThrows(UsageException.class, () -> load(false, Map.of("category-from", "colour")));
    }

    @Test
    void tasksThatNeedPythonAreRefusedWithFileAndKeyOrSkipped() throws Exception {
        yaml("xnli/nli_vi.yaml", NLI);
        Path code = yaml("xnli/nli_code.yaml", NLI.replace("nli_vi", "nli_code")
                + "process_docs: !function utils.process_docs\n");
        TaskLoadException e = assertThrows(TaskLoadException.class, () -> load(false, Map.of()));
        assertEquals(code.toString() + ": key 'process_docs' is Python code (!function utils.process_docs), which "
                + "imlbench cannot run", e.getMessage());
        LoadedSuite skipped = load(true, Map.of());
        assertEquals(1, skipped.tasks().size());
        assertEquals(1, skipped.problems().size());
        assertEquals(code.toString(), skipped.problems().get(0).file());
        assertTrue(skipped.problems().get(0).message().startsWith("key 'process_docs'"));
    }

    @Test
    void unsupportedKeysAndOutputTypesAreRefused() throws Exception {
        yaml("a.yaml", NLI.replace("nli_vi", "a") + "unknown_setting: 3\n");
        yaml("b.yaml", NLI.replace("nli_vi", "b").replace("multiple_choice", "loglikelihood_rolling"));
        yaml("c.yaml", QA.replace("include: _qa_base_yaml", "dataset_path: org/qa\ntest_split: test")
                .replace("function: regex", "function: majority_vote").replace("qa_gen", "c"));
        yaml("d.yaml", NLI.replace("nli_vi", "d").replace("doc_to_text: \"\"", "doc_to_text: \"{{ missing }}\""));
        yaml("e.yaml", NLI.replace("nli_vi", "e").replace("doc_to_target: label", "doc_to_target: 7"));
        List<String> problems = load(true, Map.of()).problems().stream().map(p -> p.message()).toList();
        assertEquals(5, problems.size(), problems.toString());
        assertEquals("unknown key 'unknown_setting'", problems.get(0));
        assertTrue(problems.get(1).startsWith("key 'output_type' is 'loglikelihood_rolling'"), problems.get(1));
        assertTrue(problems.get(2).contains("filter function 'majority_vote' is not supported"), problems.get(2));
        assertEquals("doc_to_text: line 1: 'missing' is undefined (split 'validation', document 1)", problems.get(3));
        assertTrue(problems.get(4).startsWith("doc_to_target: gives index 7 but there are 3 choices"), problems.get(4));
    }

    @Test
    void missingDataIsAnErrorNamingTheFile() throws Exception {
        yaml("x.yaml", NLI.replace("org/nli", "org/absent"));
        TaskLoadException e = assertThrows(TaskLoadException.class, () -> load(false, Map.of()));
        assertTrue(e.getMessage().contains(data.resolve("org/absent/vi").toString()), e.getMessage());
        assertThrows(UsageException.class, () -> LoadedSuite.read(provider, new TaskSource("lm-eval",
                Optional.of(tasks), 1, false, Options.empty())));
    }

    @Test
    void readsJsonArraysAndCsvToo() throws Exception {
        Files.delete(data.resolve("org/nli/vi/validation.jsonl"));
        Files.writeString(data.resolve("org/nli/vi/validation.json"), new ObjectMapper().writeValueAsString(List.of(
                Map.of("premise", "A", "hypothesis", "B", "label", 1))));
        yaml("nli_vi.yaml", NLI);
        assertEquals(List.of("A, right? Also, B"), load(false, Map.of()).task("lm-eval/nli_vi").instances().get(0)
                .references());
        Files.delete(data.resolve("org/nli/vi/validation.json"));
        Files.writeString(data.resolve("org/nli/vi/validation.csv"), "premise,hypothesis,label\n\"x, y\",z,2\n");
        yaml("nli_vi.yaml", NLI.replace("doc_to_target: label", "doc_to_target: \"{{label}}\""));
        assertEquals(List.of("x, y, right? No, z"), load(false, Map.of()).task("lm-eval/nli_vi").instances().get(0)
                .references());
    }

    @Test
    void theDefaultSplitHoldsOutCategoriesOfHeldOutClusters() throws Exception {
        yaml("xnli/nli_vi.yaml", NLI.replace("org/nli", "facebook/xnli"));
        Files.createDirectories(data.resolve("facebook/xnli"));
        Files.move(data.resolve("org/nli/vi"), data.resolve("facebook/xnli/vi"));
        yaml("qa/_qa_base_yaml", "dataset_path: org/qa\ntest_split: test\noutput_type: generate_until\n");
        yaml("qa/qa_gen.yaml", QA);
        String spec = load(false, Map.of()).info().defaultSplitSpec().orElseThrow();
        assertEquals(List.of("xnli"), new ObjectMapper().convertValue(new ObjectMapper().readTree(spec)
                .get("heldOutCategories"), List.class));
    }

    @Test
    void fewShotExamplesAreSeededAndNeverTheEvaluatedDocument() throws Exception {
        yaml("qa/_qa_base_yaml", "dataset_path: org/qa\ntest_split: dev\noutput_type: generate_until\n");
        yaml("qa/qa_gen.yaml", QA.replace("  sampler: first_n", "  sampler: default"));
        Task qa = load(false, Map.of()).task("lm-eval/qa_gen");
        LmEvalFormat format = new LmEvalFormat();
        for (Instance instance : qa.instances()) {
            String prompt = format.render(new PromptContext(qa, instance, 2, List.of())).source();
            assertEquals(prompt, format.render(new PromptContext(qa, instance, 2, List.of())).source());
            assertEquals(1, prompt.split(Pattern.quote(instance.input()), -1).length - 1, prompt);
        }
    }
}
