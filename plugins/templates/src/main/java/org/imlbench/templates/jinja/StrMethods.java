package org.imlbench.templates.jinja;

import java.util.List;

/** Dispatches a method call on a Python {@code str} ({@code text.strip()}, {@code s.split(',', 1)}, ...). */
final class StrMethods {
    private StrMethods() {
    }

    static Object call(String s, PyResolver.Args a) {
        return switch (a.name()) {
            case "strip" -> PyStr.strip(s, a.text(0, "chars", null));
            case "lstrip" -> PyStr.lstrip(s, a.text(0, "chars", null));
            case "rstrip" -> PyStr.rstrip(s, a.text(0, "chars", null));
            case "split" -> PyStr.split(s, a.text(0, "sep", null), maxsplit(a));
            case "rsplit" -> PyStr.rsplit(s, a.text(0, "sep", null), maxsplit(a));
            case "splitlines" -> PyStr.splitlines(s, Py.truthy(a.get(0, "keepends", false)));
            case "upper" -> PyStr.upper(s);
            case "lower", "casefold" -> PyStr.lower(s);
            case "capitalize" -> PyStr.capitalize(s);
            case "title" -> PyStr.title(s);
            case "swapcase" -> swapcase(s);
            case "replace" -> PyStr.replace(s, a.text(0, "old", null), a.text(1, "new", null),
                    Py.toLong(a.get(2, "count", -1L), "count"));
            case "join" -> join(s, a.get(0));
            case "startswith" -> affix(s, a, true);
            case "endswith" -> affix(s, a, false);
            case "find" -> PyStr.find(s, a.text(0, "sub", null), a.get(1, "start", null), a.get(2, "end", null));
            case "rfind" -> PyStr.rfind(s, a.text(0, "sub", null), a.get(1, "start", null), a.get(2, "end", null));
            case "index", "rindex" -> {
                long at = a.name().equals("index")
                        ? PyStr.find(s, a.text(0, "sub", null), a.get(1, "start", null), a.get(2, "end", null))
                        : PyStr.rfind(s, a.text(0, "sub", null), a.get(1, "start", null), a.get(2, "end", null));
                if (at < 0) {
                    throw new PyException("substring not found");
                }
                yield at;
            }
            case "count" -> PyStr.count(s, a.text(0, "sub", null));
            case "isdigit", "isdecimal", "isnumeric" -> PyStr.all(s, Character::isDigit);
            case "isalpha" -> PyStr.all(s, Character::isLetter);
            case "isalnum" -> PyStr.all(s, Character::isLetterOrDigit);
            case "isspace" -> PyStr.all(s, PyStr::isSpace);
            case "isupper" -> PyStr.isUpper(s);
            case "islower" -> PyStr.isLower(s);
            case "zfill" -> zfill(s, Py.toLong(a.get(0), "width"));
            case "center" -> PyStr.pad(s, Py.toLong(a.get(0), "width"), a.text(1, "fillchar", " "), 0);
            case "ljust" -> PyStr.pad(s, Py.toLong(a.get(0), "width"), a.text(1, "fillchar", " "), -1);
            case "rjust" -> PyStr.pad(s, Py.toLong(a.get(0), "width"), a.text(1, "fillchar", " "), 1);
            case "partition" -> partition(s, a.text(0, "sep", null), false);
            case "rpartition" -> partition(s, a.text(0, "sep", null), true);
            case "removeprefix" -> s.startsWith(a.text(0, "prefix", null))
                    ? s.substring(a.text(0, "prefix", null).length()) : s;
            case "removesuffix" -> !a.text(0, "suffix", null).isEmpty() && s.endsWith(a.text(0, "suffix", null))
                    ? s.substring(0, s.length() - a.text(0, "suffix", null).length()) : s;
            case "format" -> PyFormat.format(s, a.positional(), a.keywords());
            default -> throw new PyException("'str' object has no attribute '" + a.name() + "'");
        };
    }

    private static long maxsplit(PyResolver.Args a) {
        return Py.toLong(a.get(1, "maxsplit", -1L), "maxsplit");
    }

    private static String swapcase(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            out.append(Character.isUpperCase(cp) ? PyStr.lower(ch) : Character.isLowerCase(cp) ? PyStr.upper(ch) : ch);
        });
        return out.toString();
    }

    static String join(String separator, Object items) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        RenderBudget budget = RenderBudget.current();
        for (Object item : Py.iterate(items)) {
            if (!(item instanceof CharSequence text)) {
                throw new PyException("sequence item: expected str instance, " + Py.typeName(item) + " found");
            }
            budget.make((first ? 0L : separator.length()) + text.length(), "join");
            out.append(first ? "" : separator).append(item);
            first = false;
        }
        return out.toString();
    }

    private static boolean affix(String s, PyResolver.Args a, boolean prefix) {
        Object wanted = a.get(0);
        List<Object> options = wanted instanceof PyTuple t ? t : List.of(wanted);
        Slice range = Slice.of(a.get(1, "start", null), a.get(2, "end", null), null, PyStr.codePoints(s));
        String window = PyStr.substring(s, range.start(), Math.max(range.start(), range.stop()));
        for (Object option : options) {
            if (!(option instanceof CharSequence)) {
                throw new PyException((prefix ? "startswith" : "endswith")
                        + " first arg must be str or a tuple of str");
            }
            if (prefix ? window.startsWith(option.toString()) : window.endsWith(option.toString())) {
                return true;
            }
        }
        return false;
    }

    private static String zfill(String s, long width) {
        int n = PyStr.codePoints(s);
        if (width <= n) {
            return s;
        }
        RenderBudget.current().make(width - n, "zfill(" + width + ")");
        String zeros = "0".repeat((int) width - n);
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            return s.charAt(0) + zeros + s.substring(1);
        }
        return zeros + s;
    }

    private static PyTuple partition(String s, String sep, boolean last) {
        if (sep.isEmpty()) {
            throw new PyException("empty separator");
        }
        int at = last ? s.lastIndexOf(sep) : s.indexOf(sep);
        if (at < 0) {
            return last ? PyTuple.of("", "", s) : PyTuple.of(s, "", "");
        }
        return PyTuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
    }
}
