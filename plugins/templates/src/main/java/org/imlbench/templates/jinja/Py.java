package org.imlbench.templates.jinja;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's view of the values that flow through a template: {@code None} (null), {@code bool}, {@code int} (any
 * integral {@link Number}), {@code float}, {@code str}, {@code list} ({@link List}), {@code tuple} ({@link PyTuple}),
 * {@code dict} ({@link Map}) and Jinja's {@link Undefined}. Rendering, comparison and truth follow CPython, so that a
 * template renders here as it does under Jinja2.
 */
public final class Py {
    private Py() {
    }

    /**
     * @param value a value
     * @return Python's {@code str(value)}: what {@code {{ value }}} prints
     * @throws PyException for an undefined value (Jinja2's StrictUndefined)
     */
    public static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof Undefined u) {
            throw u.error();
        }
        return repr(value);
    }

    /**
     * @param value a value
     * @return Python's {@code repr(value)}: how a value prints inside a list or dict
     */
    public static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof CharSequence s) {
            return reprString(s.toString());
        }
        if (isInt(value)) {
            return toBigInteger((Number) value).toString();
        }
        if (value instanceof Number n) {
            return reprFloat(n.doubleValue());
        }
        if (value instanceof PyView v) {
            return v.kind() + "(" + join(v, "[", "]") + ")";
        }
        if (value instanceof PyTuple t) {
            return t.size() == 1 ? "(" + repr(t.get(0)) + ",)" : join(t, "(", ")");
        }
        if (value instanceof Collection<?> c) {
            return join(c, "[", "]");
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                first = false;
            }
            return out.append('}').toString();
        }
        if (value instanceof Undefined u) {
            throw u.error();
        }
        return value.toString();
    }

    private static String join(Collection<?> items, String open, String close) {
        StringBuilder out = new StringBuilder(open);
        boolean first = true;
        for (Object item : items) {
            out.append(first ? "" : ", ").append(repr(item));
            first = false;
        }
        return out.append(close).toString();
    }

    /** CPython's {@code unicode_repr}: single quotes unless the text holds a single quote and no double quote. */
    static String reprString(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7f || isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        }
        return out.append(quote).toString();
    }

    /** CPython's {@code str.isprintable} for a non-ASCII code point: not Other (C*) and not Separator (Z*). */
    private static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** CPython's {@code float.__repr__}: the shortest digits that read back to the same double. */
    static String reprFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                shortest = candidate;
                break;
            }
        }
        String digits = shortest.unscaledValue().abs().toString().replaceFirst("0+$", "");
        if (digits.isEmpty()) {
            digits = "0";
        }
        // decimal exponent: the value is 0.DIGITS x 10^point
        int point = shortest.precision() - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                return sign + "0." + "0".repeat(-point) + digits;
            }
            if (point >= digits.length()) {
                return sign + digits + "0".repeat(point - digits.length()) + ".0";
            }
            return sign + digits.substring(0, point) + "." + digits.substring(point);
        }
        int exponent = point - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /**
     * @param value a value
     * @return Python's truth value
     * @throws PyException for an undefined value
     */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Undefined u) {
            throw u.error();
        }
        if (isInt(value)) {
            return toBigInteger((Number) value).signum() != 0;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** @return whether the value is a Python int (bool included, as in Python) */
    static boolean isInt(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte;
    }

    static boolean isNumber(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }

    static BigInteger toBigInteger(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    /** @return the value as a Python int (a bool counts as 0 or 1), or a TypeError */
    static long toLong(Object value, String what) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (isInt(value)) {
            return ((Number) value).longValue();
        }
        if (value instanceof Undefined u) {
            throw u.error();
        }
        throw new PyException(what + " must be an integer, not " + typeName(value));
    }

    /** @return an int value in its smallest Java form: Long, or BigInteger beyond 64 bits */
    static Number normalizeInt(BigInteger value) {
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    /**
     * @param value a value
     * @return Python's type name ({@code str}, {@code int}, ...) for messages
     */
    public static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (isInt(value)) {
            return "int";
        }
        if (value instanceof Number) {
            return "float";
        }
        if (value instanceof CharSequence) {
            return "str";
        }
        if (value instanceof PyTuple) {
            return "tuple";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof Undefined) {
            return "Undefined";
        }
        return value.getClass().getSimpleName();
    }

    /**
     * Python's {@code ==}.
     *
     * @param a a value
     * @param b another
     * @return whether they are equal
     */
    public static boolean eq(Object a, Object b) {
        if (a instanceof Undefined u) {
            throw u.error();
        }
        if (b instanceof Undefined u) {
            throw u.error();
        }
        if (a == null || b == null) {
            return a == b;
        }
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b) == 0;
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return x.toString().equals(y.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if ((a instanceof PyTuple) != (b instanceof PyTuple) || x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                Object key = findKey(y, e.getKey());
                if (key == NO_KEY || !eq(e.getValue(), y.get(key))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static final Object NO_KEY = new Object();

    /** The key of {@code map} equal (Python's ==) to {@code key}, or {@link #NO_KEY}. */
    private static Object findKey(Map<?, ?> map, Object key) {
        if (map.containsKey(key)) {
            return key;
        }
        for (Object k : map.keySet()) {
            if (eq(k, key)) {
                return k;
            }
        }
        return NO_KEY;
    }

    /**
     * @param map a dict
     * @param key a key
     * @return whether the dict has the key (Python's {@code key in map})
     */
    static boolean hasKey(Map<?, ?> map, Object key) {
        return findKey(map, key) != NO_KEY;
    }

    /**
     * @param map a dict
     * @param key a key
     * @return the value for the key, or {@code absent} when there is none
     */
    static Object get(Map<?, ?> map, Object key, Object absent) {
        Object k = findKey(map, key);
        return k == NO_KEY ? absent : map.get(k);
    }

    /**
     * Python's ordering ({@code <}); numbers with numbers, strings with strings (by code point), lists and tuples
     * element by element.
     *
     * @param a a value
     * @param b another
     * @return negative, zero or positive
     * @throws PyException when Python cannot order them
     */
    public static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b);
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return compareCodePoints(x.toString(), y.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y && (a instanceof PyTuple) == (b instanceof PyTuple)) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i));
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        if (a instanceof Undefined u) {
            throw u.error();
        }
        if (b instanceof Undefined u) {
            throw u.error();
        }
        throw new PyException("'<' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    private static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    private static int compareNumbers(Object a, Object b) {
        Object x = a instanceof Boolean v ? (Object) (v ? 1L : 0L) : a;
        Object y = b instanceof Boolean v ? (Object) (v ? 1L : 0L) : b;
        if (isInt(x) && isInt(y)) {
            return toBigInteger((Number) x).compareTo(toBigInteger((Number) y));
        }
        return Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
    }

    /**
     * Iterates a value as Python's {@code for} does: a list's items, a dict's keys, a string's characters.
     *
     * @param value an iterable value
     * @return its items, copied
     * @throws PyException when the value is not iterable
     */
    public static List<Object> iterate(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof CharSequence s) {
            s.toString().codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        } else if (value instanceof Map<?, ?> m) {
            out.addAll(m.keySet());
        } else if (value instanceof Iterable<?> it) {
            Iterator<?> i = it.iterator();
            while (i.hasNext()) {
                out.add(i.next());
            }
        } else if (value instanceof Undefined u) {
            throw u.error();
        } else {
            throw new PyException("'" + typeName(value) + "' object is not iterable");
        }
        return out;
    }

    /**
     * @param value a str, list, tuple or dict
     * @return Python's {@code len(value)}
     */
    public static long len(Object value) {
        if (value instanceof CharSequence s) {
            return s.toString().codePointCount(0, s.length());
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        if (value instanceof Undefined u) {
            throw u.error();
        }
        throw new PyException("object of type '" + typeName(value) + "' has no len()");
    }
}
