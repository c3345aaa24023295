package org.imlbench.templates.lmeval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Metric;
import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;
import org.imlbench.templates.jinja.PyRegex;
import org.imlbench.templates.jinja.PyStr;

/**
 * {@code lm_eval_exact_match}: lm-evaluation-harness's {@code exact_match} ({@code exact_match_hf_evaluate}) for the
 * lm-eval tasks that list it: the answer goes through the task's first output filter pipeline, then answer and
 * references through {@code regexes_to_ignore} (each {@code re.sub(r, "", x)}), {@code ignore_case} (lower case),
 * {@code ignore_punctuation} (ASCII punctuation removed) and {@code ignore_numbers} (digits removed); 1 when the answer
 * equals a reference. Nothing is stripped unless a filter or regex says so, as in lm-eval.
 */
public final class LmEvalExactMatch implements Metric {
    /** The metric's name. */
    public static final String NAME = "lm_eval_exact_match";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, Object>>> STEPS = new TypeReference<>() { };

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "lm-evaluation-harness exact_match after the task's output filter (lm-eval tasks listing exact_match)";
    }

    @Override
    public boolean appliesTo(Task task, String format) {
        return task.attributes().containsKey(LmEvalAttributes.EXACT_MATCH);
    }

    @Override
    public boolean accepts(Prediction prediction) {
        return prediction instanceof Prediction.Text;
    }

    @Override
    public double score(Sample sample) {
        if (!(sample.prediction() instanceof Prediction.Text text)) {
            throw new IllegalArgumentException(NAME + " scores generated text, not option scores");
        }
        Map<String, String> attributes = sample.task().attributes();
        Map<String, Object> options = parse(attributes.get(LmEvalAttributes.EXACT_MATCH), OBJECT);
        String filter = attributes.get(LmEvalAttributes.FILTER);
        String answer = normalize(filter == null ? text.text() : OutputFilters.apply(parse(filter, STEPS),
                text.text()), options);
        for (String reference : sample.instance().references()) {
            if (answer.equals(normalize(reference, options))) {
                return 1.0;
            }
        }
        return 0.0;
    }

    static String normalize(String text, Map<String, Object> options) {
        String out = text;
        if (options.get("regexes_to_ignore") instanceof List<?> regexes) {
            for (Object regex : regexes) {
                out = PyRegex.sub(String.valueOf(regex), "", out, 0);
            }
        }
        if (Boolean.TRUE.equals(options.get("ignore_case"))) {
            out = PyStr.lower(out);
        }
        if (Boolean.TRUE.equals(options.get("ignore_punctuation"))) {
            out = OutputFilters.PUNCTUATION.matcher(out).replaceAll("");
        }
        if (Boolean.TRUE.equals(options.get("ignore_numbers"))) {
            out = out.replaceAll("[0-9]", "");
        }
        return out;
    }

    private <T> T parse(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(NAME + ": malformed task attribute " + text, e);
        }
    }
}
