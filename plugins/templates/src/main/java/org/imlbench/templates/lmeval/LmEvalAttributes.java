package org.imlbench.templates.lmeval;

/**
 * The task and instance attributes with which the {@code lm-eval} provider hands an lm-evaluation-harness task's
 * settings to the {@code lm-eval} prompt format and the {@code lm_eval_exact_match} metric.
 */
public final class LmEvalAttributes {
    /** Task: {@code multiple_choice} or {@code generate_until}; its presence marks an lm-eval task. */
    public static final String OUTPUT_TYPE = "lm-eval.output-type";
    /** Task: the YAML file the task was read from. */
    public static final String FILE = "lm-eval.file";
    /** Task: {@code target_delimiter}, between the prompt and every answer continuation. */
    public static final String TARGET_DELIMITER = "lm-eval.target-delimiter";
    /** Task: the few-shot examples' target delimiter. */
    public static final String FEWSHOT_TARGET_DELIMITER = "lm-eval.fewshot-target-delimiter";
    /** Task: the few-shot examples' {@code fewshot_delimiter}, after each example. */
    public static final String FEWSHOT_DELIMITER = "lm-eval.fewshot-delimiter";
    /** Task: {@code first_n} or {@code default} (a seeded random draw). */
    public static final String FEWSHOT_SAMPLER = "lm-eval.fewshot-sampler";
    /**
     * Task: "true" when an instance is left out of its own few-shot examples (lm-eval does so when
     * {@code fewshot_config.split} equals {@code test_split}, both unset included).
     */
    public static final String FEWSHOT_SKIPS_ITSELF = "lm-eval.fewshot-skips-itself";
    /** Task: JSON list, the rendered {@code gen_prefix} of each few-shot example (absent without a prefix). */
    public static final String FEWSHOT_GEN_PREFIXES = "lm-eval.fewshot-gen-prefixes";
    /** Task: {@code num_fewshot} of the YAML, informational (the run's {@code --shots} decides). */
    public static final String NUM_FEWSHOT = "lm-eval.num-fewshot";
    /** Task: JSON list, {@code generation_kwargs.until}. */
    public static final String UNTIL = "lm-eval.until";
    /** Task: the description when it is the same for every document. */
    public static final String DESCRIPTION = "lm-eval.description";
    /** Task: the imlbench metrics that {@code metric_list} maps to, comma-separated. */
    public static final String METRICS = "lm-eval.metrics";
    /** Task: JSON object, the {@code exact_match} options (present when {@code metric_list} has exact_match). */
    public static final String EXACT_MATCH = "lm-eval.exact-match";
    /** Task: JSON list, the first {@code filter_list} pipeline's steps. */
    public static final String FILTER = "lm-eval.filter";
    /** Instance: the description rendered for this document, when it differs between documents. */
    public static final String INSTANCE_DESCRIPTION = "lm-eval.description";
    /**
     * Instance: the exact rendered {@code doc_to_text}, when the instance's input is not it (a task whose prompt is
     * the same for every document, as BLiMP's empty one, gets its choices as the input; see
     * {@link LmEvalTaskReader}).
     */
    public static final String TEXT = "lm-eval.text";
    /** Instance: the dataset split the document comes from. */
    public static final String SPLIT = "lm-eval.split";
    /** Instance: the rendered {@code gen_prefix}, when the task has one. */
    public static final String GEN_PREFIX = "lm-eval.gen-prefix";

    private LmEvalAttributes() {
    }
}
