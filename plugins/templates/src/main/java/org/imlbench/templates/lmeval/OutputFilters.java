package org.imlbench.templates.lmeval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imlbench.templates.jinja.Py;
import org.imlbench.templates.jinja.PyRegex;
import org.imlbench.templates.jinja.PyStr;

/**
 * lm-evaluation-harness's output filters that need no Python code, applied to one generated answer:
 * {@code take_first} (one answer per prompt here, so nothing to do), {@code remove_whitespace} ({@code str.strip}),
 * {@code lowercase}, {@code uppercase} and {@code regex} ({@code RegexFilter}: the {@code group_select}-th match of
 * {@code re.findall}, its first non-empty group when the pattern has several, stripped; {@code fallback}, default
 * {@code [invalid]}, when nothing matches).
 */
final class OutputFilters {
    private OutputFilters() {
    }

    /**
     * @param steps the pipeline's steps, each with a {@code function} and its arguments
     * @param text a generated answer
     * @return the filtered answer
     */
    static String apply(List<Map<String, Object>> steps, String text) {
        String out = text;
        for (Map<String, Object> step : steps) {
            out = switch (String.valueOf(step.get("function"))) {
                case "remove_whitespace" -> PyStr.strip(out, null);
                case "lowercase" -> PyStr.lower(out);
                case "uppercase" -> PyStr.upper(out);
                case "regex" -> regex(step, out);
                default -> out;
            };
        }
        return out;
    }

    private static String regex(Map<String, Object> step, String text) {
        String pattern = String.valueOf(step.getOrDefault("regex_pattern", "#### (\\-?[0-9\\.\\,]+)"));
        Object select = step.getOrDefault("group_select", 0L);
        long groupSelect = select instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(select));
        String fallback = String.valueOf(step.getOrDefault("fallback", "[invalid]"));
        Matcher m = PyRegex.compile(pattern, 0).matcher(text);
        List<Object> matches = new ArrayList<>();
        while (m.find()) {
            if (m.groupCount() == 0) {
                matches.add(m.group());
            } else if (m.groupCount() == 1) {
                matches.add(m.group(1) == null ? "" : m.group(1));
            } else {
                List<String> groups = new ArrayList<>();
                for (int g = 1; g <= m.groupCount(); g++) {
                    groups.add(m.group(g) == null ? "" : m.group(g));
                }
                matches.add(groups);
            }
        }
        if (matches.isEmpty()) {
            return fallback;
        }
        long index = groupSelect < 0 ? groupSelect + matches.size() : groupSelect;
        if (index < 0 || index >= matches.size()) {
            // Python raises IndexError here; lm-eval would stop, imlbench scores the answer as unmatched
            return fallback;
        }
        Object match = matches.get((int) index);
        if (match instanceof List<?> groups) {
            match = groups.stream().map(String::valueOf).filter(g -> !g.isEmpty()).findFirst().orElse(fallback);
        }
        return PyStr.strip(Py.str(match), null);
    }

    /** Python's {@code string.punctuation}. */
    static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");
}
