package org.imlbench.templates.coverage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a document for a task whose dataset is not at hand, from what its templates do with each field: a field
 * whose attribute or string key is read is a dict, one that is indexed, iterated, joined or measured is a list, one
 * that takes part in arithmetic or indexes a list is an int, anything else a string. Strings are {@code "A"} (or the
 * first item of a literal list the template looks them up in: {@code ['1','2'].index(answer)}), ints 1, lists ten
 * items. Good enough to exercise every template of a task file; the values mean nothing.
 */
final class DocSynthesizer {
    private static final Pattern BLOCK = Pattern.compile("\\{\\{(.*?)}}|\\{%-?(.*?)-?%}", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern CHAIN = Pattern.compile(
            "(?<![\\w.\\]])([A-Za-z_]\\w*)((?:\\s*(?:\\.\\s*[A-Za-z_]\\w*|\\[[^\\[\\]]*]))*)");
    private static final Pattern ACCESSOR = Pattern.compile("\\.\\s*([A-Za-z_]\\w*)|\\[([^\\[\\]]*)]");
    private static final Pattern SET = Pattern.compile("\\bset\\s+([A-Za-z_]\\w*)");
    private static final Pattern FOR = Pattern.compile("\\bfor\\s+([\\w\\s,]+?)\\s+in\\b");
    private static final Set<String> RESERVED = Set.of("if", "else", "elif", "endif", "for", "endfor", "in", "not",
            "and", "or", "is", "set", "true", "false", "none", "True", "False", "None", "loop", "range", "namespace",
            "defined", "undefined", "string", "number", "integer", "float", "iterable", "mapping", "sequence", "raw",
            "endraw", "macro", "endmacro", "filter", "endfilter", "with", "endwith", "zip", "dict", "lipsum", "cycler",
            "joiner", "divisibleby", "even", "odd", "equalto", "eq", "ne", "lt", "gt", "le", "ge", "sameas", "lower",
            "upper", "recursive", "without", "context", "ignore", "missing", "import", "from", "as", "include",
            "block", "endblock", "extends", "call", "endcall");
    private static final Set<String> LIST_METHODS = Set.of("index", "count", "append", "extend", "pop", "insert");
    private static final Set<String> DICT_METHODS = Set.of("keys", "values", "items", "get", "update");
    private static final Set<String> LIST_FILTERS = Set.of("length", "join", "first", "last", "list", "sort", "map",
            "reverse", "unique", "sum", "max", "min", "select", "reject", "batch", "count", "choice", "random");

    /** What a field looks like: a string, an int, a list of items, or a dict of fields. */
    private static final class Shape {
        String kind = "str";
        Object fixed;
        Shape element;
        final Map<String, Shape> fields = new LinkedHashMap<>();

        Shape child(String key) {
            kind = "dict";
            return fields.computeIfAbsent(key, k -> new Shape());
        }

        Shape item() {
            if (!kind.equals("list")) {
                kind = "list";
            }
            if (element == null) {
                element = new Shape();
            }
            return element;
        }

        Object value() {
            return switch (kind) {
                case "int" -> 1L;
                case "list" -> {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        out.add(element == null ? "A" : element.value());
                    }
                    yield out;
                }
                case "dict" -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    fields.forEach((k, v) -> out.put(k, v.value()));
                    yield out;
                }
                default -> fixed == null ? "A" : fixed;
            };
        }
    }

    private final Map<String, Shape> roots = new LinkedHashMap<>();

    /**
     * @param template a Jinja template of the task
     * @return this
     */
    DocSynthesizer scan(String template) {
        if (template == null) {
            return this;
        }
        Set<String> local = new HashSet<>();
        Matcher blocks = BLOCK.matcher(template);
        List<String> expressions = new ArrayList<>();
        while (blocks.find()) {
            String code = blocks.group(1) != null ? blocks.group(1) : blocks.group(2);
            expressions.add(code);
            Matcher set = SET.matcher(code);
            while (set.find()) {
                local.add(set.group(1));
            }
            Matcher loop = FOR.matcher(code);
            while (loop.find()) {
                for (String v : loop.group(1).split(",")) {
                    local.add(v.strip());
                }
            }
        }
        for (String code : expressions) {
            String bare = STRING.matcher(code).replaceAll(m -> "'" + "_".repeat(m.group().length() - 2) + "'");
            Matcher chain = CHAIN.matcher(bare);
            while (chain.find()) {
                String root = chain.group(1);
                if (RESERVED.contains(root) || local.contains(root) || followedByCall(bare, chain.end(1))
                        && chain.group(2).isEmpty() || isFilterOrTest(bare, chain.start(1))) {
                    continue;
                }
                Shape node = roots.computeIfAbsent(root, k -> new Shape());
                Matcher a = ACCESSOR.matcher(chain.group(2));
                int offset = chain.start(2);
                boolean method = false;
                while (a.find()) {
                    if (a.group(1) != null) {
                        String name = a.group(1);
                        if (followedByCall(bare, offset + a.end())) {
                            if (LIST_METHODS.contains(name)) {
                                node.item();
                            } else if (DICT_METHODS.contains(name)) {
                                node.kind = "dict";
                            }
                            method = true;
                            break;
                        }
                        node = node.child(name);
                    } else {
                        String inside = code.substring(offset + a.start(2), offset + a.end(2)).strip();
                        if (inside.contains(":")) {
                            continue;
                        }
                        if (inside.startsWith("'") || inside.startsWith("\"")) {
                            node = node.child(inside.substring(1, inside.length() - 1));
                        } else {
                            node = node.item();
                        }
                    }
                }
                if (!method) {
                    usage(node, bare, chain.end());
                }
            }
            // a field looked up in a literal list: ['1', '2', '3'].index(answer)
            Matcher lookup = Pattern.compile(
                    "\\[\\s*('[^']*'|\"[^\"]*\"|-?\\d+)[^\\]]*]\\s*\\.index\\(\\s*([A-Za-z_]\\w*)\\s*\\)")
                    .matcher(code);
            while (lookup.find()) {
                Shape s = roots.computeIfAbsent(lookup.group(2), k -> new Shape());
                String first = lookup.group(1);
                s.fixed = first.matches("-?\\d+") ? (Object) Long.parseLong(first)
                        : first.substring(1, first.length() - 1);
            }
            // a list of records read through map(attribute='name')
            Matcher mapped = Pattern.compile("([A-Za-z_]\\w*)\\s*\\|\\s*map\\(\\s*attribute\\s*=\\s*['\"](\\w+)['\"]")
                    .matcher(code);
            while (mapped.find()) {
                roots.computeIfAbsent(mapped.group(1), k -> new Shape()).item().child(mapped.group(2));
            }
            // a field read as a number: (label|int) - 1
            Matcher number = Pattern.compile("([A-Za-z_]\\w*)\\s*\\|\\s*(int|float)\\b").matcher(bare);
            while (number.find()) {
                Shape s = roots.get(number.group(1));
                if (s != null && s.kind.equals("str") && s.fixed == null) {
                    s.fixed = "1";
                }
            }
            // a field bounding a slice: text[:limit]
            Matcher slice = Pattern.compile("\\[\\s*-?([A-Za-z_]\\w*)?\\s*:\\s*-?([A-Za-z_]\\w*)?\\s*]").matcher(bare);
            while (slice.find()) {
                for (String bound : new String[] {slice.group(1), slice.group(2)}) {
                    if (bound != null && !RESERVED.contains(bound) && !local.contains(bound)) {
                        Shape s = roots.computeIfAbsent(bound, k -> new Shape());
                        if (s.kind.equals("str")) {
                            s.kind = "int";
                        }
                    }
                }
            }
            // a field used as an index: ['A', 'B'][answer]
            Matcher index = Pattern.compile("]\\s*\\[\\s*([A-Za-z_]\\w*)\\s*(?:[-+]\\s*\\d+\\s*)?]").matcher(bare);
            while (index.find()) {
                Shape s = roots.get(index.group(1));
                if (s != null && s.kind.equals("str")) {
                    s.kind = "int";
                }
            }
        }
        return this;
    }

    /**
     * A {@code doc_to_choice} template that prints one field ({@code {{choices.text}}}) prints a list.
     *
     * @param template the template
     * @return this
     */
    DocSynthesizer choices(String template) {
        Matcher whole = Pattern.compile("^\\s*\\{\\{\\s*([A-Za-z_][\\w.]*)\\s*}}\\s*$").matcher(template);
        if (whole.matches()) {
            Shape node = null;
            for (String part : whole.group(1).split("\\.")) {
                node = node == null ? roots.computeIfAbsent(part, k -> new Shape()) : node.child(part);
            }
            node.item();
        }
        return this;
    }

    /** Marks a field by what follows it: a list filter, arithmetic or comparison with a number. */
    private static void usage(Shape node, String code, int end) {
        String rest = code.substring(end).stripLeading();
        Matcher filter = Pattern.compile("^\\|\\s*([A-Za-z_]\\w*)").matcher(rest);
        if (filter.find() && LIST_FILTERS.contains(filter.group(1)) && node.kind.equals("str")) {
            node.item();
        } else if (rest.matches("(?s)^[-+*/%]\\s*\\d.*") && node.kind.equals("str")) {
            node.kind = "int";
        } else if (rest.matches("(?s)^(==|!=|<|>|<=|>=)\\s*-?\\d.*") && node.kind.equals("str")) {
            node.kind = "int";
        }
    }

    private static boolean followedByCall(String code, int at) {
        int i = at;
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
            i++;
        }
        return i < code.length() && code.charAt(i) == '(';
    }

    /** Whether the name at {@code at} follows {@code |} or {@code is}: a filter or test, not a field. */
    private static boolean isFilterOrTest(String code, int at) {
        String before = code.substring(0, at).stripTrailing();
        return before.endsWith("|") || before.endsWith(" is") || before.endsWith(" is not") || before.endsWith(".");
    }

    /**
     * @param name a field used directly (a {@code doc_to_text: question}-style column name)
     * @param kind {@code str}, {@code int} or {@code list}
     * @return this
     */
    DocSynthesizer field(String name, String kind) {
        Shape s = roots.computeIfAbsent(name, k -> new Shape());
        if (kind.equals("list")) {
            s.item();
        } else if (s.kind.equals("str")) {
            s.kind = kind;
        }
        return this;
    }

    /**
     * Gives a string field a value (the first choice, when the target must be one).
     *
     * @param name the field
     * @param value its value
     */
    void set(String name, String value) {
        Shape s = roots.computeIfAbsent(name, k -> new Shape());
        s.kind = "str";
        s.fixed = value;
    }

    /** @return the fields a template reads, in order */
    static List<String> fields(String template) {
        DocSynthesizer s = new DocSynthesizer().scan(template);
        return new ArrayList<>(s.roots.keySet());
    }

    /** Adds a field that a render found missing. */
    void missing(String name) {
        roots.putIfAbsent(name, new Shape());
    }

    /** @return the document */
    Map<String, Object> document() {
        Map<String, Object> out = new LinkedHashMap<>();
        roots.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }
}
