package org.imlbench.templates.jinja;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code ast.literal_eval} for the literals a rendered template produces ({@code "['yes', 'no']"},
 * {@code "3"}, {@code "('a', 1)"}): strings (any quotes and prefixes, adjacent ones joined), ints, floats, signs,
 * {@code True}, {@code False}, {@code None}, lists, tuples, dicts and sets (as lists).
 */
public final class PyLiteral {
    private final String text;
    private int at;

    private PyLiteral(String text) {
        this.text = text;
    }

    /**
     * @param text Python source of one literal
     * @return its value
     * @throws PyException ({@code SyntaxError} / {@code ValueError}) when it is not a literal
     */
    public static Object eval(String text) {
        PyLiteral parser = new PyLiteral(text);
        parser.space();
        Object value = parser.value();
        parser.space();
        if (parser.at != text.length()) {
            String rest = text.substring(parser.at, Math.min(text.length(), parser.at + 10));
            throw parser.error("unexpected " + Py.repr(rest));
        }
        return value;
    }

    private PyException error(String what) {
        return new PyException("literal_eval: " + what + " in " + Py.repr(text.length() > 80 ? text.substring(0, 80)
                + "..." : text));
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                at++;
            } else if (c == '\\' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
                at += 2;
            } else if (c == '#') {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else {
                return;
            }
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private Object value() {
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        if (c == '[') {
            return new ArrayList<>(sequence('[', ']'));
        }
        if (c == '(') {
            List<Object> items = new ArrayList<>();
            boolean tuple = sequence('(', ')', items);
            return tuple ? new PyTuple(items) : items.get(0);
        }
        if (c == '{') {
            return mapping();
        }
        if (c == '-' || c == '+') {
            at++;
            space();
            Object v = value();
            if (!(v instanceof Number)) {
                throw error("a sign before a non-number");
            }
            if (c == '+') {
                return v;
            }
            return v instanceof Double d ? (Object) (-d) : Py.normalizeInt(Py.toBigInteger((Number) v).negate());
        }
        if (Character.isDigit(c) || c == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1))) {
            return number();
        }
        if (isStringStart()) {
            StringBuilder joined = new StringBuilder();
            while (isStringStart()) {
                joined.append(string());
                space();
            }
            return joined.toString();
        }
        String word = word();
        return switch (word) {
            case "True" -> true;
            case "False" -> false;
            case "None" -> null;
            default -> throw error("malformed node or string: " + (word.isEmpty() ? Py.repr(String.valueOf(c)) : word));
        };
    }

    private String word() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        return text.substring(start, at);
    }

    private List<Object> sequence(char open, char close) {
        List<Object> items = new ArrayList<>();
        sequence(open, close, items);
        return items;
    }

    /** @return whether it is a tuple: empty, or with a comma */
    private boolean sequence(char open, char close, List<Object> items) {
        at++;
        space();
        boolean comma = false;
        while (!peek(close)) {
            items.add(value());
            space();
            if (peek(',')) {
                at++;
                comma = true;
                space();
            } else if (!peek(close)) {
                throw error("expected ',' or '" + close + "'");
            }
        }
        at++;
        return items.isEmpty() || comma;
    }

    private Object mapping() {
        at++;
        space();
        Map<Object, Object> map = new LinkedHashMap<>();
        List<Object> set = new ArrayList<>();
        while (!peek('}')) {
            Object key = value();
            space();
            if (peek(':')) {
                at++;
                space();
                map.put(key, value());
            } else {
                set.add(key);
            }
            space();
            if (peek(',')) {
                at++;
                space();
            } else if (!peek('}')) {
                throw error("expected ',' or '}'");
            }
        }
        at++;
        if (!set.isEmpty() && !map.isEmpty()) {
            throw error("mixed set and dict");
        }
        return set.isEmpty() ? map : set;
    }

    private Object number() {
        int start = at;
        if (text.startsWith("0x", at) || text.startsWith("0X", at) || text.startsWith("0o", at)
                || text.startsWith("0O", at) || text.startsWith("0b", at) || text.startsWith("0B", at)) {
            int radix = switch (Character.toLowerCase(text.charAt(at + 1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            at += 2;
            int digits = at;
            while (at < text.length() && (Character.digit(text.charAt(at), radix) >= 0 || text.charAt(at) == '_')) {
                at++;
            }
            return Py.normalizeInt(new BigInteger(text.substring(digits, at).replace("_", ""), radix));
        }
        boolean real = false;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isDigit(c) || c == '_') {
                at++;
            } else if (c == '.' || c == 'e' || c == 'E') {
                real = true;
                at++;
                boolean sign = at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-');
                if ((c == 'e' || c == 'E') && sign) {
                    at++;
                }
            } else {
                break;
            }
        }
        String literal = text.substring(start, at).replace("_", "");
        if (at < text.length() && (text.charAt(at) == 'j' || text.charAt(at) == 'J')) {
            throw error("complex numbers are not supported");
        }
        try {
            if (real) {
                return Double.parseDouble(literal);
            }
            if (literal.length() > 1 && literal.startsWith("0") && !literal.matches("0+")) {
                throw error("leading zeros in decimal integer literals are not permitted");
            }
            return Py.normalizeInt(new BigInteger(literal));
        } catch (NumberFormatException e) {
            throw error("invalid number " + literal);
        }
    }

    private boolean isStringStart() {
        int i = at;
        while (i < text.length() && i < at + 2 && "rRbBuUfF".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"');
    }

    private String string() {
        boolean raw = false;
        while ("rRbBuUfF".indexOf(text.charAt(at)) >= 0) {
            char p = Character.toLowerCase(text.charAt(at));
            if (p == 'f') {
                throw error("f-strings are not literals");
            }
            raw |= p == 'r';
            at++;
        }
        char quote = text.charAt(at);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), at);
        String end = triple ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
        at += end.length();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string literal");
            }
            if (text.startsWith(end, at)) {
                at += end.length();
                return out.toString();
            }
            char c = text.charAt(at++);
            if (c == '\n' && !triple) {
                throw error("unterminated string literal");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("unterminated string literal");
            }
            char e = text.charAt(at++);
            if (raw) {
                out.append('\\').append(e);
                continue;
            }
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'a' -> out.append('\u0007');
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (at + digits > text.length()) {
                        throw error("truncated \\" + e + " escape");
                    }
                    out.appendCodePoint(Integer.parseInt(text.substring(at, at + digits), 16));
                    at += digits;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int start = at - 1;
                        while (at < text.length() && at < start + 3 && text.charAt(at) >= '0'
                                && text.charAt(at) <= '7') {
                            at++;
                        }
                        out.appendCodePoint(Integer.parseInt(text.substring(start, at), 8));
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
    }
}
