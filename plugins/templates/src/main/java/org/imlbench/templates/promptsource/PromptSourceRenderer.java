package org.imlbench.templates.promptsource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.templates.jinja.JinjaEngine;
import org.imlbench.templates.jinja.PyStr;
import org.imlbench.templates.jinja.PythonRandom;
import org.imlbench.templates.jinja.TemplateException;

/**
 * Applies a PromptSource template to a document as {@code Template.apply} does: occurrences of {@code |||} inside the
 * document's strings are protected, every {@code }}} prints through {@code | string | truncate(2048)}, the answer
 * choices are available as {@code answer_choices}, and the output is split on {@code |||} into stripped parts (input,
 * target).
 */
final class PromptSourceRenderer {
    /** PromptSource's {@code TEXT_VAR_LENGTH}. */
    private static final int TEXT_VAR_LENGTH = 2048;
    private static final String PIPE = "3ed2dface8203c4c9dfb1a5dc58e41e0";

    private final JinjaEngine engine = JinjaEngine.promptSource();

    /**
     * A template applied to one document.
     *
     * @param parts the output split on {@code |||} and stripped: input, then target (when the template gives one)
     * @param choices the rendered answer choices, or null for an open-ended template
     */
    record Applied(List<String> parts, List<String> choices) {
    }

    /**
     * @param template the template
     * @param doc the document
     * @param seed the seed of the {@code choice} filter's draws (answer choices first, then the template)
     * @return the rendered parts and choices
     * @throws TemplateException naming the template when it cannot be rendered
     */
    Applied apply(PromptSourceTemplate template, Map<String, Object> doc, long seed) throws TemplateException {
        PythonRandom random = new PythonRandom(seed);
        List<String> choices = null;
        if (template.answerChoices() != null) {
            String rendered = engine.render(template.name() + ": answer_choices", template.answerChoices(),
                    protect(doc), random);
            choices = new ArrayList<>();
            for (String part : rendered.split("\\|\\|\\|", -1)) {
                choices.add(PyStr.strip(part, null).replace(PIPE, "|||"));
            }
        }
        String jinja = template.jinja().replace("}}", " | string | truncate(" + TEXT_VAR_LENGTH + ") }}");
        Map<String, Object> example = protect(doc);
        example.put("answer_choices", choices);
        String rendered = engine.render(template.name() + ": jinja", jinja, example, random);
        List<String> parts = new ArrayList<>();
        for (String part : rendered.split("\\|\\|\\|", -1)) {
            parts.add(PyStr.strip(part.replace(PIPE, "|||"), null));
        }
        return new Applied(parts, choices);
    }

    private static Map<String, Object> protect(Map<String, Object> doc) {
        Map<String, Object> out = new LinkedHashMap<>();
        doc.forEach((k, v) -> out.put(k, v instanceof String s ? s.replace("|||", PIPE) : v));
        return out;
    }
}
