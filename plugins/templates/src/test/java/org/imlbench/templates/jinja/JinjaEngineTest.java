package org.imlbench.templates.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imlbench.templates.data.PyJson;
import org.junit.jupiter.api.Test;

class JinjaEngineTest {
    private final JinjaEngine engine = JinjaEngine.lmEval();

    /** Every template of jinja-golden.json (made by Python's Jinja2, make_golden.py) renders to Jinja2's output. */
    @Test
    @SuppressWarnings("unchecked")
    void rendersAsJinja2Does() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("jinja-golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        Map<String, Object> doc = (Map<String, Object>) PyJson.value(golden.get("doc"));
        List<String> diffs = new ArrayList<>();
        for (JsonNode c : golden.get("cases")) {
            String template = c.get("template").asText();
            String actual;
            try {
                actual = engine.render("case", template, doc);
            } catch (TemplateException e) {
                actual = null;
                if (!c.has("error")) {
                    diffs.add(template + "\n    Jinja2:   " + c.get("output").asText() + "\n    imlbench: "
                            + e.getMessage());
                }
                continue;
            }
            if (c.has("error")) {
                diffs.add(template + "\n    Jinja2 fails (" + c.get("error").asText() + "), imlbench gives " + actual);
            } else if (!c.get("output").asText().equals(actual)) {
                diffs.add(template + "\n    Jinja2:   " + c.get("output").asText() + "\n    imlbench: " + actual);
            }
        }
        assertTrue(diffs.isEmpty(), diffs.size() + " of " + golden.get("cases").size() + " differ:\n"
                + String.join("\n", diffs));
    }

    @Test
    void anUndefinedFieldIsAnErrorNamingTemplateAndField() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> engine.render("task.yaml: doc_to_text", "Q: {{ question }}", Map.of("query", "x")));
        assertEquals("task.yaml: doc_to_text: line 1: 'question' is undefined", e.getMessage());
        e = assertThrows(TemplateException.class,
                () -> engine.render("t", "{{ choices.text[0] }}", Map.of("choices", Map.of("label", List.of("A")))));
        assertTrue(e.getMessage().contains("'text' is undefined"), e.getMessage());
        e = assertThrows(TemplateException.class, () -> engine.render("t", "{% if missing %}x{% endif %}", Map.of()));
        assertTrue(e.getMessage().contains("'missing' is undefined"), e.getMessage());
        e = assertThrows(TemplateException.class, () -> engine.render("t", "{{ x.strip() }}", Map.of()));
        assertTrue(e.getMessage().contains("'x' is undefined"), e.getMessage());
    }

    @Test
    void pythonErrorsAreErrors() {
        assertThrows(TemplateException.class, () -> engine.render("t", "{{ l[5] }}", Map.of("l", List.of("a"))));
        assertThrows(TemplateException.class, () -> engine.render("t", "{{ 'a' + 1 }}", Map.of()));
        assertThrows(TemplateException.class, () -> engine.render("t", "{{ ['a'].index('b') }}", Map.of()));
        assertThrows(TemplateException.class, () -> engine.render("t", "{{ 1 / 0 }}", Map.of()));
        assertThrows(TemplateException.class, () -> engine.render("t", "{{ 'x' }", Map.of()));
    }

    @Test
    void fieldValuesAreNeverRenderedAgain() throws Exception {
        assertEquals("{{ 7 * 7 }}", engine.render("t", "{{ text }}", Map.of("text", "{{ 7 * 7 }}")));
    }

    @Test
    void promptSourceDropsTheLastNewlineAndDrawsChoicesFromTheSeededGenerator() throws Exception {
        JinjaEngine ps = JinjaEngine.promptSource();
        assertEquals("a", ps.render("t", "a\n", Map.of()));
        assertEquals("a\n", engine.render("t", "a\n", Map.of()));
        // Python: random.seed(12345); [random.choice(range(7)) for _ in range(4)] == [3, 5, 0, 6]
        PythonRandom random = new PythonRandom(12345);
        assertEquals("3506", ps.render("t", "{% for i in range(4) %}{{ [0,1,2,3,4,5,6]|choice }}{% endfor %}",
                Map.of(), random));
        assertEquals("1a2b", ps.render("t", "{% for n, c in zip([1, 2], ['a', 'b']) %}{{ n }}{{ c }}{% endfor %}",
                Map.of()));
    }
}
