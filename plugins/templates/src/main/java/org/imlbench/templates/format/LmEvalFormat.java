package org.imlbench.templates.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.imlbench.api.Demonstration;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.templates.jinja.PyStr;
import org.imlbench.templates.lmeval.LmEvalAttributes;

/**
 * {@code lm-eval}: the prompt lm-evaluation-harness builds ({@code ConfigurableTask.fewshot_context} without a chat
 * template): the description, then each few-shot example as its input, the few-shot target delimiter, its answer
 * (after the {@code gen_prefix}, if any) and the few-shot delimiter, then the evaluated input (and the
 * {@code gen_prefix}). Each option's continuation, and the target, is {@code target_delimiter} + the answer;
 * generation stops at {@code generation_kwargs.until}.
 *
 * <p>Few-shot examples are the task's own ({@code fewshot_split} or {@code fewshot_config.samples}, see
 * {@link Task#demonstrations()}): the first K for lm-eval's {@code first_n} sampler, otherwise K drawn with a seed
 * made of the task and instance ids (lm-eval draws with Python's generator seeded 1234, whose sequence depends on the
 * order documents are evaluated in). An instance never sees itself. A task without few-shot documents gets the
 * harness's demonstrations. lm-eval tasks only.
 */
public final class LmEvalFormat implements PromptFormat {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public String name() {
        return "lm-eval";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "lm-evaluation-harness prompts: description, few-shot examples, input; target_delimiter before answers";
    }

    @Override
    public boolean supports(Task task) {
        return task.attributes().containsKey(LmEvalAttributes.OUTPUT_TYPE);
    }

    @Override
    public RenderedPrompt render(PromptContext context) {
        Task task = context.task();
        Instance instance = context.instance();
        Map<String, String> a = task.attributes();
        if (!supports(task)) {
            throw new IllegalArgumentException("format lm-eval renders lm-eval tasks only, not " + task.id());
        }
        String targetDelimiter = a.getOrDefault(LmEvalAttributes.TARGET_DELIMITER, " ");
        StringBuilder source = new StringBuilder(instance.attributes().getOrDefault(
                LmEvalAttributes.INSTANCE_DESCRIPTION, a.getOrDefault(LmEvalAttributes.DESCRIPTION, "")));
        for (Example example : examples(context)) {
            source.append(turn(example.input(), example.answer(), example.genPrefix(),
                    a.getOrDefault(LmEvalAttributes.FEWSHOT_TARGET_DELIMITER, targetDelimiter),
                    a.getOrDefault(LmEvalAttributes.FEWSHOT_DELIMITER, "\n\n")));
        }
        source.append(turn(text(instance), null, instance.attributes().get(LmEvalAttributes.GEN_PREFIX),
                targetDelimiter, ""));
        List<String> continuations = instance.options().stream().map(o -> targetDelimiter + o).toList();
        List<String> until = strings(a.getOrDefault(LmEvalAttributes.UNTIL, "[\"\\n\\n\"]"));
        return new RenderedPrompt(source.toString(), targetDelimiter + instance.references().get(0), continuations,
                until);
    }

    /** A few-shot example: its input, its answer and the {@code gen_prefix} before the answer (or null). */
    record Example(String input, String answer, String genPrefix) {
    }

    /** The K few-shot examples of one instance. */
    List<Example> examples(PromptContext context) {
        Task task = context.task();
        Instance instance = context.instance();
        int k = context.shots();
        if (k == 0) {
            return List.of();
        }
        List<Demonstration> pool = task.demonstrations();
        if (pool.isEmpty()) {
            return context.demonstrations().stream().limit(k).map(d -> new Example(text(d), d.references().get(0),
                    d.attributes().get(LmEvalAttributes.GEN_PREFIX))).toList();
        }
        List<String> prefixes = task.attributes().containsKey(LmEvalAttributes.FEWSHOT_GEN_PREFIXES)
                ? strings(task.attributes().get(LmEvalAttributes.FEWSHOT_GEN_PREFIXES)) : null;
        boolean skipItself = "true".equals(task.attributes().get(LmEvalAttributes.FEWSHOT_SKIPS_ITSELF));
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            Demonstration d = pool.get(i);
            boolean itself = d.input().equals(text(instance)) && d.output().equals(instance.references().get(0));
            if (!(skipItself && itself)) {
                candidates.add(i);
            }
        }
        if (!"first_n".equals(task.attributes().get(LmEvalAttributes.FEWSHOT_SAMPLER))) {
            Collections.shuffle(candidates, new Random(seed(task.id(), instance.id())));
        }
        List<Example> out = new ArrayList<>();
        for (int i : candidates.subList(0, Math.min(k, candidates.size()))) {
            out.add(new Example(pool.get(i).input(), pool.get(i).output(), prefixes == null ? null : prefixes.get(i)));
        }
        return out;
    }

    /** @return the instance's rendered {@code doc_to_text} */
    static String text(Instance instance) {
        return instance.attributes().getOrDefault(LmEvalAttributes.TEXT, instance.input());
    }

    private static long seed(String taskId, String instanceId) {
        long h = 1125899906842597L;
        for (char c : (taskId + "\u0000" + instanceId).toCharArray()) {
            h = 31 * h + c;
        }
        return h;
    }

    /**
     * lm-eval's {@code build_qa_turn} as plain text: the input, then, when there is an answer, the target delimiter
     * (unless a {@code gen_prefix} comes first), the prefix and answer joined by a space where neither brings one,
     * and the few-shot delimiter; without an answer, the prefix (after the delimiter where needed).
     *
     * @param q the input
     * @param answer the answer, or null for the evaluated instance
     * @param genPrefix the generation prefix, or null
     * @param targetDelimiter the target delimiter
     * @param fewshotDelimiter the delimiter after an answered example
     * @return the turn's text
     */
    static String turn(String q, String answer, String genPrefix, String targetDelimiter, String fewshotDelimiter) {
        boolean hasAnswer = answer != null && !answer.isEmpty();
        boolean prefix = genPrefix != null && !genPrefix.isEmpty();
        StringBuilder out = new StringBuilder(q);
        if (hasAnswer && !prefix || prefix && requiresDelimiter(q, genPrefix)) {
            out.append(targetDelimiter);
        }
        if (hasAnswer) {
            out.append(maybeDelimit(genPrefix, answer)).append(fewshotDelimiter);
        } else if (prefix) {
            out.append(genPrefix);
        }
        return out.toString();
    }

    /** lm-eval's {@code maybe_delimit(prefix, suffix, " ")}. */
    private static String maybeDelimit(String prefix, String suffix) {
        if (prefix == null || prefix.isEmpty()) {
            return suffix;
        }
        if (suffix.isEmpty()) {
            return prefix;
        }
        boolean space = PyStr.isSpace(prefix.codePointBefore(prefix.length())) || PyStr.isSpace(suffix.codePointAt(0));
        return space ? prefix + suffix : prefix + " " + suffix;
    }

    /** lm-eval's {@code requires_delimiter}: neither side brings whitespace to the join. */
    private static boolean requiresDelimiter(String prefix, String suffix) {
        return !prefix.isEmpty() && !PyStr.isSpace(prefix.codePointBefore(prefix.length()))
                && !PyStr.isSpace(suffix.codePointAt(0));
    }

    private List<String> strings(String text) {
        try {
            return json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("format lm-eval: malformed task attribute " + text, e);
        }
    }
}
