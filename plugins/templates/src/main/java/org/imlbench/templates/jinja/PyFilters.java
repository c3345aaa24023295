package org.imlbench.templates.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Jinja2's built-in filters with Python's semantics, registered in place of Jinjava's namesakes (whose
 * {@code join}, {@code int}, {@code truncate}, {@code length}, ... follow Java).
 */
final class PyFilters {
    private PyFilters() {
    }

    /** One filter: a name and what it does with the value and the call's arguments. */
    interface Body {
        Object apply(Object value, PyResolver.Args args, JinjavaInterpreter interpreter);
    }

    /** A Jinjava {@link Filter} around a {@link Body}. */
    record Named(String name, Body body) implements Filter {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            List<Object> positional = new ArrayList<>(Arrays.asList(args));
            return body.apply(var, new PyResolver.Args(name, positional, new LinkedHashMap<>(kwargs)), interpreter);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return filter(var, interpreter, args, Map.of());
        }
    }

    /** @return the filters both lm-evaluation-harness and PromptSource templates get (Jinja2's built-ins) */
    static List<Filter> builtins() {
        List<Filter> out = new ArrayList<>();
        out.add(new Named("length", (v, a, i) -> Py.len(v)));
        out.add(new Named("count", (v, a, i) -> Py.len(v)));
        out.add(new Named("string", (v, a, i) -> Py.str(v)));
        out.add(new Named("join", PyFilters::join));
        out.add(new Named("int", PyFilters::toInt));
        out.add(new Named("float", PyFilters::toFloat));
        out.add(new Named("lower", (v, a, i) -> PyStr.lower(Py.str(v))));
        out.add(new Named("upper", (v, a, i) -> PyStr.upper(Py.str(v))));
        out.add(new Named("capitalize", (v, a, i) -> PyStr.capitalize(Py.str(v))));
        out.add(new Named("title", (v, a, i) -> PyStr.title(Py.str(v))));
        out.add(new Named("trim", (v, a, i) -> PyStr.strip(Py.str(v), a.text(0, "chars", null))));
        out.add(new Named("replace", (v, a, i) -> PyStr.replace(Py.str(v), Py.str(a.get(0)), Py.str(a.get(1)),
                a.get(2, "count", null) == null ? -1 : Py.toLong(a.get(2, "count", null), "count"))));
        out.add(new Named("list", (v, a, i) -> Py.iterate(v)));
        out.add(new Named("first", (v, a, i) -> {
            List<Object> items = Py.iterate(v);
            return items.isEmpty() ? new Undefined("first") : items.get(0);
        }));
        out.add(new Named("last", (v, a, i) -> {
            List<Object> items = Py.iterate(v);
            return items.isEmpty() ? new Undefined("last") : items.get(items.size() - 1);
        }));
        out.add(new Named("truncate", PyFilters::truncate));
        out.add(new Named("default", PyFilters::orDefault));
        out.add(new Named("d", PyFilters::orDefault));
        out.add(new Named("reverse", (v, a, i) -> {
            if (v instanceof CharSequence s) {
                return new StringBuilder(s.toString()).reverse().toString();
            }
            List<Object> items = Py.iterate(v);
            Collections.reverse(items);
            return items;
        }));
        out.add(new Named("sort", PyFilters::sort));
        out.add(new Named("unique", (v, a, i) -> {
            List<Object> unique = new ArrayList<>();
            for (Object item : Py.iterate(v)) {
                if (unique.stream().noneMatch(u -> Py.eq(u, item))) {
                    unique.add(item);
                }
            }
            return unique;
        }));
        out.add(new Named("sum", (v, a, i) -> {
            Object total = a.get(1, "start", 0L);
            for (Object item : Py.iterate(v)) {
                total = PyOperators.add(total, attribute(item, a.get(0, "attribute", null)));
            }
            return total;
        }));
        out.add(new Named("min", (v, a, i) -> Py.iterate(v).stream().min(Py::compare)
                .orElseThrow(() -> new PyException("min() arg is an empty sequence"))));
        out.add(new Named("max", (v, a, i) -> Py.iterate(v).stream().max(Py::compare)
                .orElseThrow(() -> new PyException("max() arg is an empty sequence"))));
        out.add(new Named("abs", (v, a, i) -> Py.isInt(v) ? Py.normalizeInt(Py.toBigInteger((Number) v).abs())
                : (Object) Math.abs(((Number) v).doubleValue())));
        out.add(new Named("round", PyFilters::round));
        out.add(new Named("map", PyFilters::map));
        out.add(new Named("attr", (v, a, i) -> attribute(v, a.get(0))));
        out.add(new Named("items", (v, a, i) -> {
            List<Object> pairs = new ArrayList<>();
            ((Map<?, ?>) v).forEach((k, x) -> pairs.add(PyTuple.of(k, x)));
            return pairs;
        }));
        out.add(new Named("format", (v, a, i) -> PyFormat.percent(Py.str(v), a.keywords().isEmpty()
                ? new PyTuple(a.positional()) : a.keywords())));
        out.add(new Named("wordcount", (v, a, i) -> (long) PyStr.split(Py.str(v), null, -1).size()));
        out.add(new Named("center", (v, a, i) -> PyStr.pad(Py.str(v), Py.toLong(a.get(0, "width", 80L), "width"),
                " ", 0)));
        out.add(new Named("safe", (v, a, i) -> v));
        out.add(new Named("e", (v, a, i) -> escape(v)));
        out.add(new Named("escape", (v, a, i) -> escape(v)));
        return out;
    }

    /** lm-evaluation-harness adds {@code regex_replace}: Python's {@code re.sub(pattern, repl, string, count)}. */
    static Filter regexReplace() {
        return new Named("regex_replace", (v, a, i) -> PyRegex.sub(Py.str(a.get(0)), Py.str(a.get(1)), Py.str(v),
                Py.toLong(a.get(2, "count", 0L), "count")));
    }

    private static Object join(Object value, PyResolver.Args a, JinjavaInterpreter interpreter) {
        String separator = Py.str(a.get(0, "d", ""));
        Object attribute = a.get(1, "attribute", null);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        RenderBudget budget = RenderBudget.current();
        for (Object item : Py.iterate(value)) {
            String text = Py.str(attribute(item, attribute));
            budget.make((first ? 0L : separator.length()) + text.length(), "join");
            out.append(first ? "" : separator).append(text);
            first = false;
        }
        return out.toString();
    }

    /** Jinja2's {@code int}: Python's {@code int(value)}, else {@code int(float(value))}, else the default. */
    private static Object toInt(Object value, PyResolver.Args a, JinjavaInterpreter interpreter) {
        Object fallback = a.get(0, "default", 0L);
        long base = Py.toLong(a.get(1, "base", 10L), "base");
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (Py.isInt(value)) {
            return value;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? Py.normalizeInt(new BigDecimal(d).toBigInteger()) : fallback;
        }
        if (value instanceof CharSequence s) {
            String text = PyStr.strip(s.toString(), null).replace("_", "");
            try {
                return Py.normalizeInt(new BigInteger(text.startsWith("+") ? text.substring(1) : text, (int) base));
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(text);
                    return Double.isFinite(d) ? Py.normalizeInt(new BigDecimal(d).toBigInteger()) : fallback;
                } catch (NumberFormatException again) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    private static Object toFloat(Object value, PyResolver.Args a, JinjavaInterpreter interpreter) {
        Object fallback = a.get(0, "default", 0.0);
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof CharSequence s) {
            String text = PyStr.strip(s.toString(), null).replace("_", "");
            try {
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
                    case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                    case "nan", "+nan", "-nan" -> Double.NaN;
                    default -> text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")
                            ? Double.parseDouble(text) : fallback;
                };
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** Jinja2's {@code truncate(length=255, killwords=False, end='...', leeway=5)}. */
    private static Object truncate(Object value, PyResolver.Args a, JinjavaInterpreter interpreter) {
        String s = Py.str(value);
        long length = Py.toLong(a.get(0, "length", 255L), "length");
        boolean killwords = Py.truthy(a.get(1, "killwords", false));
        String end = Py.str(a.get(2, "end", "..."));
        long leeway = Py.toLong(a.get(3, "leeway", 5L), "leeway");
        int n = PyStr.codePoints(s);
        if (n <= length + leeway) {
            return s;
        }
        String head = PyStr.substring(s, 0, (int) Math.max(0, length - PyStr.codePoints(end)));
        if (killwords) {
            return head + end;
        }
        int space = head.lastIndexOf(' ');
        return (space < 0 ? head : head.substring(0, space)) + end;
    }

    private static Object orDefault(Object value, PyResolver.Args a, JinjavaInterpreter interpreter) {
        Object fallback = a.get(0, "default_value", "");
        boolean asBoolean = Py.truthy(a.get(1, "boolean", false));
        if (value instanceof Undefined || asBoolean && !Py.truthy(value)) {
            return fallback;
        }
        return value;
    }

    private static Object sort(Object value, PyResolver.Args a, JinjavaInterpreter interpreter) {
        boolean reverse = Py.truthy(a.get(0, "reverse", false));
        boolean caseSensitive = Py.truthy(a.get(1, "case_sensitive", false));
        Object attribute = a.get(2, "attribute", null);
        Function<Object, Object> key = item -> {
            Object k = attribute(item, attribute);
            return !caseSensitive && k instanceof CharSequence s ? PyStr.lower(s.toString()) : k;
        };
        Comparator<Object> order = (x, y) -> Py.compare(key.apply(x), key.apply(y));
        List<Object> items = Py.iterate(value);
        items.sort(reverse ? order.reversed() : order);
        return items;
    }

    /**
     * Jinja2's {@code round(precision=0, method='common')}: Python's {@code round}, which rounds the double's exact
     * binary value half to even (so 2.5 gives 2.0 and 2.55 gives 2.5); always a float.
     */
    private static Object round(Object value, PyResolver.Args a, JinjavaInterpreter interpreter) {
        long precision = Py.toLong(a.get(0, "precision", 0L), "precision");
        String method = Py.str(a.get(1, "method", "common"));
        double d = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
        RoundingMode mode = switch (method) {
            case "ceil" -> RoundingMode.CEILING;
            case "floor" -> RoundingMode.FLOOR;
            default -> RoundingMode.HALF_EVEN;
        };
        return new BigDecimal(d).setScale((int) precision, mode).doubleValue();
    }

    /** Jinja2's {@code map}: {@code map(attribute='x')} or {@code map('filter', args...)}; a list here. */
    private static Object map(Object value, PyResolver.Args a, JinjavaInterpreter interpreter) {
        List<Object> out = new ArrayList<>();
        Object attribute = a.keywords().get("attribute");
        if (attribute != null || a.size() == 0) {
            Object fallback = a.keywords().get("default");
            for (Object item : Py.iterate(value)) {
                Object v = attribute(item, attribute);
                out.add(v instanceof Undefined && fallback != null ? fallback : v);
            }
            return out;
        }
        Filter filter = interpreter.getContext().getFilter(Py.str(a.get(0)));
        if (filter == null) {
            throw new PyException("No filter named '" + a.get(0) + "'");
        }
        Object[] rest = a.positional().subList(1, a.size()).toArray();
        for (Object item : Py.iterate(value)) {
            out.add(filter.filter(item, interpreter, rest, a.keywords()));
        }
        return out;
    }

    /** Jinja2's attribute lookup for filters: {@code item[name]}, or dotted paths, or indices. */
    static Object attribute(Object item, Object attribute) {
        if (attribute == null) {
            return item;
        }
        Object current = item;
        for (String part : Py.str(attribute).split("\\.")) {
            if (current instanceof Map<?, ?> m) {
                current = Py.get(m, part, new Undefined(part));
            } else if (current instanceof List<?> list && part.matches("-?\\d+")) {
                current = PyResolver.item(list, Long.parseLong(part));
            } else {
                current = new Undefined(part);
            }
        }
        return current;
    }

    private static String escape(Object value) {
        return Py.str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }
}
