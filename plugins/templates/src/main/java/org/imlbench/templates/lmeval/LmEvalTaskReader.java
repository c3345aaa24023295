package org.imlbench.templates.lmeval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imlbench.api.Demonstration;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.templates.data.DatasetFiles;
import org.imlbench.templates.jinja.JinjaEngine;
import org.imlbench.templates.jinja.Py;
import org.imlbench.templates.jinja.TemplateException;

/**
 * Builds one imlbench {@link Task} from an lm-evaluation-harness task and its data: one instance per document of the
 * evaluated split ({@code test_split}, else {@code validation_split}; ids {@code 0}, {@code 1}, ... as lm-eval's doc
 * ids), then one per document of {@code training_split} when it was exported (ids {@code <split>-0}, ...), each with
 * lm-eval's prompt, choices and gold answer, and the task's few-shot examples as its demonstrations. The prompt format
 * {@code lm-eval} assembles them exactly as lm-eval's {@code fewshot_context} does.
 */
public final class LmEvalTaskReader {
    /** Few-shot documents kept per task: the first ones of the few-shot split (a whole training split can be large). */
    static final int FEWSHOT_POOL = 256;
    /** The task id prefix and {@link Task#source()}. */
    public static final String SOURCE = "lm-eval";

    private final JinjaEngine engine = JinjaEngine.lmEval();
    private final ObjectMapper json = new ObjectMapper();
    private final int trainingDocs;

    /** @param trainingDocs the most documents of a task's training split read as instances */
    public LmEvalTaskReader(int trainingDocs) {
        this.trainingDocs = trainingDocs;
    }

    /**
     * @param config the task's configuration
     * @param data the exported datasets
     * @param category the task's category
     * @return the task
     * @throws TaskLoadException naming the file (and the template and document) when the task cannot be built
     */
    public Task read(LmEvalConfig config, DatasetFiles data, String category) throws TaskLoadException {
        String file = config.file().toString();
        String split = config.testSplit() != null ? config.testSplit() : config.validationSplit();
        if (split == null) {
            throw new TaskLoadException(file, "neither 'test_split' nor 'validation_split' is set: nothing to "
                    + "evaluate");
        }
        List<Map<String, Object>> docs = data.read(config.datasetPath(), config.datasetName(), split);
        if (docs.isEmpty()) {
            throw new TaskLoadException(file, "split '" + split + "' of " + config.datasetPath() + " has no documents");
        }
        LmEvalDocs rules = new LmEvalDocs(engine, docs.get(0).keySet(), config.docToChoice() != null);
        List<Instance> instances = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        read(config, rules, split, docs, "", instances, descriptions);
        String training = config.trainingSplit();
        if (training != null && !training.equals(split) && trainingDocs > 0
                && data.find(config.datasetPath(), config.datasetName(), training).isPresent()) {
            // the training documents follow the evaluated ones: tuning learns from them, and a held-out task
            // evaluated on its first instances still sees the benchmark's own
            List<Map<String, Object>> train = data.read(config.datasetPath(), config.datasetName(), training);
            read(config, rules, training, train.subList(0, Math.min(train.size(), trainingDocs)), training + "-",
                    instances, descriptions);
        }
        boolean sameDescription = new LinkedHashSet<>(descriptions).size() == 1;
        boolean samePrompt = config.multipleChoice() && instances.size() > 1
                && instances.stream().map(Instance::input).distinct().count() == 1;
        for (int i = 0; i < instances.size(); i++) {
            Instance in = instances.get(i);
            Map<String, String> attributes = new HashMap<>(in.attributes());
            String input = in.input();
            if (!sameDescription) {
                attributes.put(LmEvalAttributes.INSTANCE_DESCRIPTION, descriptions.get(i));
            }
            if (samePrompt) {
                // The documents differ only in their choices (BLiMP's sentence pairs, XNLI's premise-hypothesis
                // options): the harness tells instances apart by their input, so the choices are the input here,
                // and the lm-eval format prints the prompt itself.
                attributes.put(LmEvalAttributes.TEXT, input);
                input = (input.isBlank() ? "" : input + "\n") + String.join("\n", in.options());
            }
            instances.set(i, new Instance(in.id(), input, in.references(), in.options(), attributes));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(LmEvalAttributes.OUTPUT_TYPE, config.multipleChoice() ? "multiple_choice" : "generate_until");
        attributes.put(LmEvalAttributes.FILE, file);
        attributes.put(LmEvalAttributes.TARGET_DELIMITER, config.targetDelimiter());
        attributes.put(LmEvalAttributes.FEWSHOT_TARGET_DELIMITER, config.fewshot().targetDelimiter());
        attributes.put(LmEvalAttributes.FEWSHOT_DELIMITER, config.fewshot().fewshotDelimiter());
        attributes.put(LmEvalAttributes.FEWSHOT_SAMPLER, config.fewshot().firstN() ? "first_n" : "default");
        attributes.put(LmEvalAttributes.UNTIL, toJson(config.until()));
        if (sameDescription && !descriptions.get(0).isEmpty()) {
            attributes.put(LmEvalAttributes.DESCRIPTION, descriptions.get(0));
        }
        if (config.numFewshot() != null) {
            attributes.put(LmEvalAttributes.NUM_FEWSHOT, config.numFewshot().toString());
        }
        LmEvalMetrics.describe(config, json).forEach(attributes::put);
        List<Demonstration> demonstrations = demonstrations(config, data, rules, split, attributes);
        String instruction = sameDescription ? descriptions.get(0).strip() : "";
        return new Task(SOURCE + "/" + config.task(), category, SOURCE, instruction, demonstrations, instances,
                attributes);
    }

    /** Adds one instance per document of a split, with ids {@code <prefix><index>}. */
    private static void read(LmEvalConfig config, LmEvalDocs rules, String split, List<Map<String, Object>> docs,
                             String prefix, List<Instance> instances, List<String> descriptions)
            throws TaskLoadException {
        for (int i = 0; i < docs.size(); i++) {
            Map<String, Object> doc = docs.get(i);
            try {
                descriptions.add(Optional.ofNullable(rules.field(doc, config.description(), "description")).orElse(""));
                instances.add(instance(config, rules, doc, prefix + i, split));
            } catch (TemplateException | IllegalArgumentException e) {
                throw new TaskLoadException(config.file().toString(), e.getMessage() + " (split '" + split
                        + "', document " + (i + 1) + ")", e);
            }
        }
    }

    private static Instance instance(LmEvalConfig config, LmEvalDocs rules, Map<String, Object> doc, String id,
                                     String split) throws TemplateException {
        Object text = rules.text(doc, config.docToText(), "doc_to_text");
        if (!(text instanceof String input)) {
            throw new TemplateException("doc_to_text", "gives " + Py.repr(text) + ", an index into the choices "
                    + "(one prompt per choice, as in Winogrande): imlbench scores one prompt with one continuation "
                    + "per choice");
        }
        Object target = rules.target(doc, config.docToTarget(), "doc_to_target");
        List<String> options = List.of();
        List<Object> choices = null;
        if (config.docToChoice() != null) {
            choices = rules.choices(doc, config.docToChoice(), "doc_to_choice");
            options = choices.stream().map(Py::str).toList();
        }
        List<String> references = golds(target, choices, options, config.multipleChoice());
        Map<String, String> attributes = new HashMap<>();
        attributes.put(LmEvalAttributes.SPLIT, split);
        String prefix = rules.prefix(doc, config.genPrefix(), "gen_prefix");
        if (prefix != null) {
            attributes.put(LmEvalAttributes.GEN_PREFIX, prefix);
        }
        return new Instance(id, input, references, config.multipleChoice() ? options : List.of(), attributes);
    }

    /** lm-eval's gold answers: an index into the choices, a choice itself, or a list of either. */
    private static List<String> golds(Object target, List<Object> choices, List<String> options, boolean multipleChoice)
            throws TemplateException {
        List<Object> targets = target instanceof List<?> list ? new ArrayList<>(list) : List.of(target == null
                ? "None" : target);
        List<String> out = new ArrayList<>();
        for (Object t : targets) {
            if (choices != null && (Py.typeName(t).equals("int") || t instanceof Boolean)) {
                long index = t instanceof Boolean b ? (b ? 1 : 0) : ((Number) t).longValue();
                if (index < -choices.size() || index >= choices.size()) {
                    throw new TemplateException("doc_to_target", "gives index " + index + " but there are "
                            + choices.size() + " choices " + Py.repr(choices));
                }
                // Python indexing: -1 is the last choice
                out.add(options.get((int) (index < 0 ? index + choices.size() : index)));
            } else {
                String text = Py.str(t);
                if (multipleChoice && !options.contains(text)) {
                    throw new TemplateException("doc_to_target", "gives " + Py.repr(text) + ", which is not one of "
                            + "the choices " + Py.repr(options));
                }
                out.add(text);
            }
        }
        if (out.isEmpty()) {
            throw new TemplateException("doc_to_target", "gives an empty list of answers");
        }
        return out;
    }

    /**
     * The few-shot examples: lm-eval's few-shot documents ({@code fewshot_split}, {@code fewshot_config.samples},
     * else the training, validation or test split), rendered with the few-shot templates. None when the few-shot
     * split was not exported; the format then uses the harness's demonstrations.
     */
    private List<Demonstration> demonstrations(LmEvalConfig config, DatasetFiles data, LmEvalDocs rules,
                                               String evalSplit, Map<String, String> attributes)
            throws TaskLoadException {
        LmEvalConfig.Fewshot fewshot = config.fewshot();
        List<Map<String, Object>> docs;
        String from = fewshot.split();
        if (from == null && fewshot.samples() != null) {
            docs = fewshot.samples();
        } else {
            if (from == null) {
                from = config.trainingSplit() != null ? config.trainingSplit()
                        : config.validationSplit() != null ? config.validationSplit() : config.testSplit();
            }
            if (data.find(config.datasetPath(), config.datasetName(), from).isEmpty()) {
                return List.of();
            }
            docs = data.read(config.datasetPath(), config.datasetName(), from);
        }
        // lm-eval leaves the evaluated document out of the draw when fewshot_config's split equals test_split
        // (both unset counts as equal), whichever split the few-shot documents actually come from
        if (Objects.equals(fewshot.split(), config.testSplit())) {
            attributes.put(LmEvalAttributes.FEWSHOT_SKIPS_ITSELF, "true");
        }
        List<Demonstration> out = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < Math.min(docs.size(), FEWSHOT_POOL); i++) {
            Map<String, Object> doc = docs.get(i);
            try {
                Object q = rules.text(doc, fewshot.docToText(), "fewshot doc_to_text");
                List<Object> choices = fewshot.docToChoice() == null ? null
                        : rules.choices(doc, fewshot.docToChoice(), "fewshot doc_to_choice");
                Object a = rules.target(doc, fewshot.docToTarget(), "fewshot doc_to_target");
                if (q instanceof Long index && choices != null) {
                    q = Py.str(choices.get(index.intValue()));
                    choices = null;
                }
                out.add(new Demonstration(Py.str(q), answer(a, choices), ""));
                prefixes.add(rules.field(doc, fewshot.genPrefix(), "fewshot gen_prefix"));
            } catch (TemplateException e) {
                throw new TaskLoadException(config.file().toString(), e.getMessage() + " (few-shot document " + (i + 1)
                        + (from == null ? " of fewshot_config.samples" : " of split '" + from + "'") + ")", e);
            }
        }
        if (prefixes.stream().anyMatch(p -> p != null)) {
            attributes.put(LmEvalAttributes.FEWSHOT_GEN_PREFIXES, toJson(prefixes));
        }
        return out;
    }

    /** lm-eval's {@code build_qa_turn} answer: {@code c[a]} for an index, the first of a list, else the value. */
    private static String answer(Object a, List<Object> choices) {
        if (a == null) {
            return "";
        }
        if (choices != null && !choices.isEmpty() && (Py.typeName(a).equals("int") || a instanceof Boolean)) {
            long index = a instanceof Boolean b ? (b ? 1 : 0) : ((Number) a).longValue();
            return Py.str(choices.get((int) (index < 0 ? index + choices.size() : index)));
        }
        if (a instanceof List<?> list) {
            return list.isEmpty() ? "" : Py.str(list.get(0));
        }
        return Py.str(a);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
