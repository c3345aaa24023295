package org.imlbench.templates.lmeval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imlbench.api.TaskLoadException;
import org.imlbench.templates.data.DatasetFiles;
import org.imlbench.templates.jinja.Py;
import org.imlbench.templates.yaml.FunctionRef;

/**
 * One lm-evaluation-harness task, as its YAML (includes merged) defines it, checked for what imlbench can run. Keys
 * that need Python code, unknown keys and unsupported output types are refused with the file and the key.
 *
 * @param file the task's YAML file
 * @param task the task name
 * @param tags its tags ({@code tag}, or a {@code group} string as older files write it)
 * @param category an explicit {@code category} (imlbench's own key), or null
 * @param datasetPath {@code dataset_path}
 * @param datasetName {@code dataset_name}, or null
 * @param trainingSplit {@code training_split}, or null
 * @param validationSplit {@code validation_split}, or null
 * @param testSplit {@code test_split}, or null
 * @param multipleChoice whether {@code output_type} is {@code multiple_choice} (else {@code generate_until})
 * @param docToText {@code doc_to_text}: a template or field name (String), or an index (Long)
 * @param docToTarget {@code doc_to_target}: a template or field name, an index, or a list
 * @param docToChoice {@code doc_to_choice}: a template or field name, a list or a dict, or null
 * @param description {@code description}, a template ("" when absent)
 * @param targetDelimiter {@code target_delimiter} (default " ")
 * @param fewshotDelimiter {@code fewshot_delimiter} (default "\n\n")
 * @param genPrefix {@code gen_prefix}, a template or field name, or null
 * @param fewshot the few-shot settings ({@code fewshot_split}, {@code fewshot_config})
 * @param numFewshot {@code num_fewshot}, or null
 * @param until the generation stop sequences ({@code generation_kwargs.until}, default {@code [fewshot_delimiter]})
 * @param metrics the {@code metric_list} entries, each a mapping with a {@code metric} name
 * @param filters the first {@code filter_list} pipeline's steps ({@code function} and its arguments), or empty; later
 *                pipelines (lm-eval scores each separately) are not used
 */
public record LmEvalConfig(Path file, String task, List<String> tags, String category, String datasetPath,
                           String datasetName, String trainingSplit, String validationSplit, String testSplit,
                           boolean multipleChoice, Object docToText, Object docToTarget, Object docToChoice,
                           String description, String targetDelimiter, String fewshotDelimiter, String genPrefix,
                           Fewshot fewshot, Long numFewshot, List<String> until, List<Map<String, Object>> metrics,
                           List<Map<String, Object>> filters) {
    /** Keys imlbench reads. */
    static final Set<String> USED = Set.of("task", "tag", "group", "category", "dataset_path", "dataset_name",
            "training_split", "validation_split", "test_split", "fewshot_split", "output_type", "doc_to_text",
            "doc_to_target", "doc_to_choice", "description", "target_delimiter", "fewshot_delimiter", "gen_prefix",
            "fewshot_config", "num_fewshot", "generation_kwargs", "metric_list", "filter_list");
    /** Keys that change nothing imlbench does (aliases, metadata, decontamination and download settings). */
    static final Set<String> IGNORED = Set.of("task_alias", "group_alias", "metadata", "dataset_kwargs",
            "should_decontaminate", "doc_to_decontamination_query", "repeats", "unsafe_code", "aggregate_metric_list",
            "version", "task_list");
    /** Keys whose value is Python code in every use. */
    static final Set<String> CODE = Set.of("process_docs", "process_results", "custom_dataset", "class",
            "doc_to_image", "doc_to_audio", "use_prompt");
    /** Output filters imlbench applies itself ({@link OutputFilters}), in the first filter pipeline. */
    static final Set<String> FILTERS = Set.of("take_first", "remove_whitespace", "regex", "lowercase", "uppercase");

    /** Copies the lists. */
    public LmEvalConfig {
        tags = List.copyOf(tags);
        until = List.copyOf(until);
        metrics = List.copyOf(metrics);
        filters = List.copyOf(filters);
    }

    /**
     * lm-eval's few-shot settings: {@code fewshot_split} or {@code fewshot_config.samples} (else the training,
     * validation or test split), the sampler, and the formatting overrides of {@code fewshot_config}.
     *
     * @param split the split few-shot documents come from, or null
     * @param samples inline few-shot documents ({@code fewshot_config.samples}), or null
     * @param firstN whether the sampler is {@code first_n} (else lm-eval's random {@code default})
     * @param docToText template for few-shot inputs
     * @param docToTarget template for few-shot answers
     * @param docToChoice template for few-shot choices, or null
     * @param genPrefix generation prefix of few-shot answers, or null
     * @param targetDelimiter delimiter between a few-shot input and its answer
     * @param fewshotDelimiter delimiter after each few-shot example
     */
    public record Fewshot(String split, List<Map<String, Object>> samples, boolean firstN, Object docToText,
                          Object docToTarget, Object docToChoice, String genPrefix, String targetDelimiter,
                          String fewshotDelimiter) {
    }

    /**
     * @param file the YAML file
     * @param values its keys, includes merged
     * @return the task's configuration
     * @throws TaskLoadException naming the file and key when imlbench cannot run the task
     */
    @SuppressWarnings("unchecked")
    public static LmEvalConfig of(Path file, Map<String, Object> values) throws TaskLoadException {
        String name = file.toString();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            FunctionRef code = findFunction(e.getValue());
            if (code != null) {
                throw new TaskLoadException(name, "key '" + e.getKey() + "' is Python code (" + code
                        + "), which imlbench cannot run");
            }
        }
        for (String key : values.keySet()) {
            if (CODE.contains(key) && values.get(key) != null) {
                throw new TaskLoadException(name, "key '" + key + "' needs Python code, which imlbench cannot run");
            }
            if (!USED.contains(key) && !IGNORED.contains(key) && !CODE.contains(key)) {
                throw new TaskLoadException(name, "unknown key '" + key + "'");
            }
        }
        if (values.get("repeats") instanceof Long r && r > 1) {
            throw new TaskLoadException(name, "key 'repeats' is " + r + ": imlbench generates one answer per prompt");
        }
        String task = text(name, values, "task", null);
        String outputType = text(name, values, "output_type", "generate_until");
        if (!outputType.equals("multiple_choice") && !outputType.equals("generate_until")) {
            throw new TaskLoadException(name, "key 'output_type' is '" + outputType + "': imlbench runs multiple_choice"
                    + " and generate_until tasks");
        }
        String datasetPath = text(name, values, "dataset_path", null);
        if (datasetPath == null) {
            throw new TaskLoadException(name, "no 'dataset_path'");
        }
        for (String key : List.of("dataset_path", "dataset_name", "training_split", "validation_split", "test_split",
                "fewshot_split")) {
            DatasetFiles.checkName(name, key, text(name, values, key, null));
        }
        List<String> tags = new ArrayList<>(strings(name, values, "tag"));
        if (values.get("group") instanceof String g) {
            tags.add(g);
        }
        String fewshotDelimiter = text(name, values, "fewshot_delimiter", "\n\n");
        String targetDelimiter = text(name, values, "target_delimiter", " ");
        Object docToText = template(name, values, "doc_to_text");
        Object docToTarget = template(name, values, "doc_to_target");
        Object docToChoice = values.get("doc_to_choice");
        if (docToChoice != null && !(docToChoice instanceof String || docToChoice instanceof List
                || docToChoice instanceof Map)) {
            throw new TaskLoadException(name, "key 'doc_to_choice' must be a template, a field, a list or a dict");
        }
        if (outputType.equals("multiple_choice") && docToChoice == null) {
            throw new TaskLoadException(name, "a multiple_choice task needs 'doc_to_choice'");
        }
        String genPrefix = text(name, values, "gen_prefix", null);
        List<String> until = until(name, values, fewshotDelimiter);
        List<Map<String, Object>> metrics = new ArrayList<>();
        if (values.get("metric_list") instanceof List<?> list) {
            for (Object m : list) {
                if (!(m instanceof Map<?, ?> entry) || !(entry.get("metric") instanceof String)) {
                    throw new TaskLoadException(name, "key 'metric_list': every entry needs a 'metric' name");
                }
                metrics.add((Map<String, Object>) entry);
            }
        }
        Fewshot fewshot = fewshot(name, values, docToText, docToTarget, docToChoice, genPrefix, targetDelimiter,
                fewshotDelimiter);
        return new LmEvalConfig(file, task, tags, text(name, values, "category", null), datasetPath,
                text(name, values, "dataset_name", null), text(name, values, "training_split", null),
                text(name, values, "validation_split", null), text(name, values, "test_split", null),
                outputType.equals("multiple_choice"), docToText, docToTarget, docToChoice,
                text(name, values, "description", ""), targetDelimiter, fewshotDelimiter, genPrefix, fewshot,
                values.get("num_fewshot") instanceof Long n ? n : null, until, metrics, filters(name, values));
    }

    private static FunctionRef findFunction(Object value) {
        if (value instanceof FunctionRef f) {
            return f;
        }
        if (value instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                FunctionRef f = findFunction(v);
                if (f != null) {
                    return f;
                }
            }
        }
        if (value instanceof List<?> l) {
            for (Object v : l) {
                FunctionRef f = findFunction(v);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    /** A string key; numbers and booleans are written as Python would print them. */
    private static String text(String file, Map<String, Object> values, String key, String fallback)
            throws TaskLoadException {
        Object v = values.get(key);
        return v == null ? fallback : text(file, key, v);
    }

    private static String text(String file, String key, Object v) throws TaskLoadException {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return Py.str(v);
        }
        throw new TaskLoadException(file, "key '" + key + "' must be text, found " + v);
    }

    private static List<String> strings(String file, Map<String, Object> values, String key)
            throws TaskLoadException {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                out.add(String.valueOf(item));
            }
            return out;
        }
        throw new TaskLoadException(file, "key '" + key + "' must be text or a list, found " + v);
    }

    /** doc_to_text / doc_to_target: a template or field (String), an index (Long) or a list of targets. */
    private static Object template(String file, Map<String, Object> values, String key) throws TaskLoadException {
        Object v = values.get(key);
        if (v == null) {
            throw new TaskLoadException(file, "no '" + key + "'");
        }
        if (v instanceof String || v instanceof Long || key.equals("doc_to_target") && v instanceof List) {
            return v;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return Py.str(v);
        }
        throw new TaskLoadException(file, "key '" + key + "' must be a template, a field or an index, found " + v);
    }

    private static List<String> until(String file, Map<String, Object> values, String fewshotDelimiter)
            throws TaskLoadException {
        Object kwargs = values.get("generation_kwargs");
        if (kwargs == null) {
            return List.of(fewshotDelimiter);
        }
        if (!(kwargs instanceof Map<?, ?> map)) {
            throw new TaskLoadException(file, "key 'generation_kwargs' must be a mapping");
        }
        Object until = map.get("until");
        if (until == null) {
            return List.of(fewshotDelimiter);
        }
        List<String> out = new ArrayList<>();
        for (Object u : until instanceof List<?> list ? list : List.of(until)) {
            out.add(String.valueOf(u));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> filters(String file, Map<String, Object> values)
            throws TaskLoadException {
        Object list = values.get("filter_list");
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> pipelines) || pipelines.isEmpty()) {
            throw new TaskLoadException(file, "key 'filter_list' must be a list of filter pipelines");
        }
        // imlbench scores one filtered answer: the first pipeline's (lm-eval reports one score per pipeline)
        if (!(pipelines.get(0) instanceof Map<?, ?> pipeline) || !(pipeline.get("filter") instanceof List<?> steps)) {
            throw new TaskLoadException(file, "key 'filter_list': a pipeline needs a 'filter' list");
        }
        List<Map<String, Object>> first = new ArrayList<>();
        for (Object s : steps) {
            if (!(s instanceof Map<?, ?> step) || !(step.get("function") instanceof String function)) {
                throw new TaskLoadException(file, "key 'filter_list': every step needs a 'function'");
            }
            if (!FILTERS.contains(function)) {
                throw new TaskLoadException(file, "key 'filter_list': filter function '" + function
                        + "' is not supported (imlbench applies " + String.join(", ", FILTERS.stream().sorted()
                        .toList()) + ")");
            }
            first.add(new LinkedHashMap<>((Map<String, Object>) step));
        }
        return first;
    }

    @SuppressWarnings("unchecked")
    private static Fewshot fewshot(String file, Map<String, Object> values, Object docToText, Object docToTarget,
                                   Object docToChoice, String genPrefix, String targetDelimiter,
                                   String fewshotDelimiter) throws TaskLoadException {
        Object raw = values.get("fewshot_config");
        Map<String, Object> config = raw == null ? Map.of() : raw instanceof Map<?, ?> m ? (Map<String, Object>) m
                : null;
        if (config == null) {
            throw new TaskLoadException(file, "key 'fewshot_config' must be a mapping");
        }
        for (String key : config.keySet()) {
            if (!Set.of("sampler", "split", "samples", "doc_to_text", "doc_to_target", "doc_to_choice", "gen_prefix",
                    "fewshot_delimiter", "target_delimiter", "fewshot_indices", "process_docs").contains(key)) {
                throw new TaskLoadException(file, "key 'fewshot_config." + key + "' is not supported");
            }
        }
        if (config.get("process_docs") != null) {
            throw new TaskLoadException(file, "key 'fewshot_config.process_docs' needs Python code");
        }
        if (config.get("fewshot_indices") != null) {
            throw new TaskLoadException(file, "key 'fewshot_config.fewshot_indices' is not supported");
        }
        String sampler = config.get("sampler") == null ? "default" : String.valueOf(config.get("sampler"));
        if (!sampler.equals("default") && !sampler.equals("first_n")) {
            throw new TaskLoadException(file, "key 'fewshot_config.sampler' is '" + sampler
                    + "': imlbench samples 'default' (random) and 'first_n'");
        }
        List<Map<String, Object>> samples = null;
        if (config.get("samples") != null) {
            if (!(config.get("samples") instanceof List<?> list)
                    || list.stream().anyMatch(s -> !(s instanceof Map))) {
                throw new TaskLoadException(file, "key 'fewshot_config.samples' must be a list of documents");
            }
            samples = new ArrayList<>();
            for (Object s : list) {
                samples.add((Map<String, Object>) s);
            }
        }
        Object split = config.containsKey("split") ? config.get("split") : values.get("fewshot_split");
        String splitName = split == null ? null : String.valueOf(split);
        DatasetFiles.checkName(file, "fewshot_config.split", splitName);
        return new Fewshot(splitName, samples, sampler.equals("first_n"),
                or(config, "doc_to_text", docToText), or(config, "doc_to_target", docToTarget),
                or(config, "doc_to_choice", docToChoice), config.get("gen_prefix") == null ? genPrefix
                        : text(file, "fewshot_config.gen_prefix", config.get("gen_prefix")),
                String.valueOf(or(config, "target_delimiter", targetDelimiter)),
                String.valueOf(or(config, "fewshot_delimiter", fewshotDelimiter)));
    }

    /** A {@code fewshot_config} override, or the task's value when it is absent or None (as lm-eval reads it). */
    private static Object or(Map<String, Object> config, String key, Object base) {
        Object v = config.get(key);
        return v == null ? base : v;
    }
}
