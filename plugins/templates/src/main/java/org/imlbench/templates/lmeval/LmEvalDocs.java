package org.imlbench.templates.lmeval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imlbench.templates.jinja.JinjaEngine;
import org.imlbench.templates.jinja.Py;
import org.imlbench.templates.jinja.PyException;
import org.imlbench.templates.jinja.PyLiteral;
import org.imlbench.templates.jinja.TemplateException;

/**
 * lm-evaluation-harness's rules for turning a document into a prompt, a target and choices
 * ({@code ConfigurableTask.doc_to_text/doc_to_target/doc_to_choice}): a value that names a dataset column is that
 * column; anything else is a Jinja template, whose output is read back as an int when it is all digits (and the task
 * has choices), as a Python literal when it looks like a list, and as text otherwise.
 */
final class LmEvalDocs {
    private final JinjaEngine engine;
    private final Set<String> features;
    private final boolean hasChoices;

    /**
     * @param engine lm-eval's Jinja environment
     * @param features the dataset's column names (those of the first evaluated document)
     * @param hasChoices whether the task defines {@code doc_to_choice}
     */
    LmEvalDocs(JinjaEngine engine, Set<String> features, boolean hasChoices) {
        this.engine = engine;
        this.features = features;
        this.hasChoices = hasChoices;
    }

    /** @return {@code doc_to_text}: a String, or a Long (an index into the choices: several inputs) */
    Object text(Map<String, Object> doc, Object spec, String key) throws TemplateException {
        if (spec instanceof Long index) {
            return index;
        }
        String template = (String) spec;
        if (features.contains(template)) {
            return doc.get(template);
        }
        String text = engine.render(key, template, doc);
        return hasChoices && isDigits(text) ? literal(key, text) : text;
    }

    /** @return {@code doc_to_target}: a Long (an index into the choices), a String, or a List of either */
    Object target(Map<String, Object> doc, Object spec, String key) throws TemplateException {
        if (spec instanceof Long || spec instanceof List) {
            return spec;
        }
        String template = (String) spec;
        if (features.contains(template)) {
            return doc.get(template);
        }
        String text = engine.render(key, template, doc);
        if (hasChoices && isDigits(text)) {
            return literal(key, text);
        }
        if (text.length() >= 2 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']') {
            try {
                return PyLiteral.eval(text);
            } catch (PyException e) {
                return text;
            }
        }
        return text;
    }

    /** @return {@code doc_to_choice}: the choices as Python values */
    List<Object> choices(Map<String, Object> doc, Object spec, String key) throws TemplateException {
        Object value;
        if (spec instanceof String template) {
            value = features.contains(template) ? doc.get(template) : literal(key, engine.render(key, template, doc));
        } else if (spec instanceof Map<?, ?> map) {
            value = new ArrayList<>(map.values());
        } else {
            value = spec;
        }
        if (!(value instanceof List<?> list)) {
            throw new TemplateException(key, "gives " + Py.typeName(value) + " " + Py.repr(value)
                    + ", not a list of choices");
        }
        return new ArrayList<>(list);
    }

    /**
     * lm-eval's {@code resolve_field} for {@code description} and few-shot {@code gen_prefix}: the document's field of
     * that name, else the rendered template.
     *
     * @return the text, or null when the field is empty or absent
     */
    String field(Map<String, Object> doc, String spec, String key) throws TemplateException {
        if (spec == null || spec.isEmpty()) {
            return null;
        }
        return doc.containsKey(spec) ? Py.str(doc.get(spec)) : engine.render(key, spec, doc);
    }

    /** lm-eval's {@code doc_to_prefix}: the column of that name, else the rendered template; null when unset. */
    String prefix(Map<String, Object> doc, String spec, String key) throws TemplateException {
        if (spec == null) {
            return null;
        }
        return features.contains(spec) ? Py.str(doc.get(spec)) : engine.render(key, spec, doc);
    }

    /** Python's {@code str.isdigit()} as far as {@code ast.literal_eval} can then read the text: ASCII digits. */
    private static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Object literal(String key, String text) throws TemplateException {
        try {
            return PyLiteral.eval(text);
        } catch (PyException e) {
            throw new TemplateException(key, e.getMessage());
        }
    }
}
