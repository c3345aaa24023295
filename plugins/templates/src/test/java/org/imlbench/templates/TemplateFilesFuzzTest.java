package org.imlbench.templates;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imlbench.api.Options;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.templates.lmeval.LmEvalTaskProvider;
import org.imlbench.templates.promptsource.PromptSourceTaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.imlbench.testkit.ParserContract;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz targets for the template files of the {@code lm-eval} and {@code promptsource} task sources, read as
 * {@code --tasks KIND=FILE --task-option data=DIR} reads them: the YAML, the task configuration it makes, and the
 * Jinja templates rendered over a small exported dataset ({@code fuzz}: splits test and validation). An input
 * gives tasks with instances, or a {@link TaskLoadException} naming a file; nothing else escapes, and the time and heap
 * a file may cost stay within bounds, whatever its aliases and templates ask for: {@link ParserContract}'s time bound,
 * and 256 MiB of allocation (a template is a program: each render may spend the engine's per-render budget).
 *
 * <p>Without {@code JAZZER_FUZZ} (as in {@code ./mvnw verify}) each target runs once on every committed input in
 * {@code src/test/resources/org/imlbench/templates/TemplateFilesFuzzTestInputs/<target>/} and on the seeds below: the
 * shared lm-eval and PromptSource files, their includes inlined and their dataset pointed at {@code fuzz};
 * {@code bench/fuzz.sh} fuzzes them.
 */
class TemplateFilesFuzzTest {
    /** Documents with the fields the seeds' templates use; the last is unlabelled, as PromptSource's test splits. */
    private static final String DOCS = """
            {"text": "A gripping film.", "sentence": "A gripping film.", "label": 1, "premise": "It rains.", \
            "hypothesis": "It is wet.", "question": "What is 2+2?", "answer": "4", "choices": ["3", "4"], \
            "input": "Is 1 < 2?\\nOptions:\\n(A) yes\\n(B) no", "target": "(A)", "idx": 0}
            {"text": "Dull, \\"flat\\" ||| slow.", "sentence": "Dull.", "label": 0, "premise": "A ||| B", \
            "hypothesis": "C", "question": "Capital of France?", "answer": "Paris", "choices": ["Paris", "Rome"], \
            "input": "Is 3 < 2?\\nOptions:\\n(A) yes\\n(B) no", "target": "(B)", "idx": 1}
            {"text": "Unlabelled.", "sentence": "?", "label": -1, "premise": "", "hypothesis": "", "question": "", \
            "answer": "", "choices": [], "input": "", "target": "", "idx": 2}
            """;
    /** An include base the fuzzer can name ({@code include: _fuzz_base_yaml}). */
    private static final String BASE = "dataset_path: fuzz\ntest_split: test\noutput_type: generate_until\n";

    @TempDir
    Path dir;

    /** Input: an lm-eval task file {@code tasks/fuzz.yaml}, beside an include base {@code tasks/_fuzz_base_yaml}. */
    @MethodSource("lmEvalSeeds")
    @FuzzTest
    @Timeout(60)
    void lmEvalYaml(byte[] input) throws IOException {
        Path tasks = Files.createDirectories(dir.resolve("tasks"));
        Files.writeString(tasks.resolve("_fuzz_base_yaml"), BASE);
        Path file = tasks.resolve("fuzz.yaml");
        Files.write(file, input);
        readsTasks(new LmEvalTaskProvider(), file, input.length);
    }

    /** Input: a PromptSource {@code templates/templates.yaml}. */
    @MethodSource("promptSourceSeeds")
    @FuzzTest
    @Timeout(60)
    void promptSourceYaml(byte[] input) throws IOException {
        Path file = Files.createDirectories(dir.resolve("templates")).resolve("templates.yaml");
        Files.write(file, input);
        readsTasks(new PromptSourceTaskProvider(), file, input.length);
    }

    private void readsTasks(TaskCategoryProvider provider, Path file, long inputBytes) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/fuzz/default"));
        // no training split: each file renders each template over few documents (3 per split), so that the allocation
        // bound below is one of a few renders' budgets
        for (String split : List.of("test", "validation")) {
            Files.writeString(data.resolve(split + ".jsonl"), DOCS);
        }
        TaskSource source = new TaskSource(provider.name(), Optional.of(file), 0, false,
                Options.of(Map.of("data", dir.resolve("data").toString())));
        // an error may name the file, one it includes or a data file: all of them lie under dir. A render may spend up
        // to RenderBudget's limits (a loop of 32,768 iterations allocates about 12 MiB), and a file renders each of its
        // templates over each document: 256 MiB leaves room for a few such renders
        ParserContract.of(TaskLoadException.class, dir.toString()).allocating(256L << 20, 64).check(inputBytes, () -> {
            LoadedSuite suite = LoadedSuite.read(provider, source);
            for (Task task : suite.tasks()) {
                if (task.instances().isEmpty() || task.category().isBlank()) {
                    throw new AssertionError("accepted a task without instances or category: " + task.id());
                }
            }
        });
    }

    /** Real lm-eval task files of several shapes, includes inlined, reading the {@code fuzz} dataset. */
    static List<byte[]> lmEvalSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(("include: _fuzz_base_yaml\ntask: qa\ndoc_to_text: \"Q: {{question.strip()}}\\nA:\"\n"
                + "doc_to_target: \"{{answer}}\"\nfewshot_split: validation\nfewshot_config:\n  sampler: first_n\n"
                + "generation_kwargs:\n  until: [\"\\n\"]\nmetric_list:\n  - metric: exact_match\n"
                + "    ignore_case: true\nfilter_list:\n  - name: strict\n    filter:\n      - function: regex\n"
                + "        regex_pattern: \"answer is (\\\\w+)\"\n      - function: take_first\n")
                .getBytes(StandardCharsets.UTF_8));
        Optional<Path> tasks = SharedData.dataIfPresent("lm-eval/tasks");
        if (tasks.isPresent()) {
            for (String file : List.of("glue/sst2/default.yaml", "bbh/fewshot/movie_recommendation.yaml",
                    "mc_taco/default.yaml", "hendrycks_ethics/commonsense.yaml", "arc_mt/arc_challenge_mt_pt.yaml",
                    "belebele/belebele_nob_Latn.yaml")) {
                Path path = tasks.get().resolve(file);
                if (Files.isRegularFile(path)) {
                    seeds.add(onFuzzData(inlined(path)).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return seeds;
    }

    /** The shared PromptSource files, each reading the {@code fuzz} dataset. */
    static List<byte[]> promptSourceSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        Optional<Path> root = SharedData.dataIfPresent("promptsource");
        if (root.isPresent()) {
            for (String file : List.of("rotten_tomatoes", "imdb", "super_glue/rte", "anli", "codah/fold_0")) {
                Path path = root.get().resolve(file).resolve("templates.yaml");
                if (Files.isRegularFile(path)) {
                    String text = Files.readString(path).replaceFirst("(?m)^dataset: .*$", "dataset: fuzz")
                            .replaceFirst("(?m)^subset: .*\n", "");
                    seeds.add(text.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return seeds;
    }

    private static final Pattern INCLUDE = Pattern.compile("(?m)^include: *['\"]?([^'\"\\n]+?)['\"]? *$\\n?");

    /** The file's text after the text of the file it includes (recursively): the same keys, the file's own last. */
    private static String inlined(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher include = INCLUDE.matcher(text);
        if (!include.find()) {
            return text;
        }
        String own = text.substring(0, include.start()) + text.substring(include.end());
        return inlined(file.resolveSibling(include.group(1))) + "\n" + own;
    }

    private static String onFuzzData(String yaml) {
        return yaml.replaceAll("(?m)^dataset_path: .*$", "dataset_path: fuzz").replaceAll("(?m)^dataset_name: .*\n",
                "");
    }
}
