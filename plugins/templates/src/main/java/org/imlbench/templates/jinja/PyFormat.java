package org.imlbench.templates.jinja;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's two string formatting operations as templates use them: {@code "{} of {}".format(a, b)} and
 * {@code "%s: %d" % (a, b)}, with the common conversions ({@code s}, {@code r}, {@code d}, {@code f}, {@code e},
 * fill, alignment, width and precision).
 */
final class PyFormat {
    private static final Pattern SPEC = Pattern.compile(
            "(?:(.)?([<>^=]))?([+\\- ])?(#)?(0)?(\\d+)?([,_])?(?:\\.(\\d+))?([bcdeEfFgGnosxX%])?");
    private static final Pattern PERCENT = Pattern.compile(
            "%(?:\\(([^)]*)\\))?([#0\\- +]*)(\\*|\\d+)?(?:\\.(\\*|\\d+))?([diouxXeEfFgGcrsa%])");

    private PyFormat() {
    }

    /**
     * @param template the format string
     * @param args positional arguments
     * @param kwargs keyword arguments
     * @return {@code template.format(*args, **kwargs)}
     */
    static String format(String template, List<Object> args, Map<String, Object> kwargs) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new PyException("Single '{' encountered in format string");
                }
                String field = template.substring(i + 1, end);
                String spec = "";
                String conversion = "";
                int colon = field.indexOf(':');
                if (colon >= 0) {
                    spec = field.substring(colon + 1);
                    field = field.substring(0, colon);
                }
                int bang = field.indexOf('!');
                if (bang >= 0) {
                    conversion = field.substring(bang + 1);
                    field = field.substring(0, bang);
                }
                Object value;
                if (field.isEmpty()) {
                    value = auto < args.size() ? args.get(auto++) : missing(auto);
                } else if (field.matches("\\d+")) {
                    int index = Integer.parseInt(field);
                    value = index < args.size() ? args.get(index) : missing(index);
                } else if (kwargs.containsKey(field)) {
                    value = kwargs.get(field);
                } else {
                    throw new PyException("KeyError: '" + field + "'");
                }
                if (conversion.equals("r")) {
                    value = Py.repr(value);
                } else if (conversion.equals("s")) {
                    value = Py.str(value);
                }
                out.append(formatSpec(value, spec));
                i = end + 1;
            } else if (c == '}') {
                throw new PyException("Single '}' encountered in format string");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static Object missing(int index) {
        throw new PyException("Replacement index " + index + " out of range for positional args tuple");
    }

    /** Python's {@code format(value, spec)} for the usual specs. */
    static String formatSpec(Object value, String spec) {
        if (spec.isEmpty()) {
            return Py.str(value);
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new PyException("Invalid format specifier '" + spec + "'");
        }
        String fill = m.group(1) == null ? (m.group(5) != null ? "0" : " ") : m.group(1);
        String align = m.group(2) == null ? (m.group(5) != null ? "=" : null) : m.group(2);
        String sign = m.group(3) == null ? "-" : m.group(3);
        int width = m.group(6) == null ? 0 : digits(m.group(6));
        String grouping = m.group(7);
        Integer precision = m.group(8) == null ? null : digits(m.group(8));
        if (precision != null) {
            RenderBudget.current().make(precision, "the format precision " + precision);
        }
        String type = m.group(9);
        String body;
        boolean numeric = Py.isNumber(value) && !(type != null && type.equals("s"));
        if (!numeric) {
            body = Py.str(value);
            if (precision != null && body.length() > precision) {
                body = body.substring(0, precision);
            }
            return pad(body, width, fill, align == null ? "<" : align, "");
        }
        double d = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
        String prefix = d < 0 || (d == 0 && 1 / d < 0) ? "-" : sign.equals("-") ? "" : sign;
        double abs = Math.abs(d);
        if (type == null && Py.isInt(value)) {
            type = "d";
        }
        body = switch (type == null ? "" : type) {
            case "d", "n" -> Py.toBigInteger(Py.isInt(value) ? (Number) value : (long) abs).abs().toString();
            case "f", "F" -> String.format("%." + (precision == null ? 6 : precision) + "f", abs);
            case "e", "E" -> exponent(String.format("%." + (precision == null ? 6 : precision) + "e", abs));
            case "%" -> String.format("%." + (precision == null ? 6 : precision) + "f", abs * 100) + "%";
            case "x" -> Long.toHexString((long) abs);
            case "X" -> Long.toHexString((long) abs).toUpperCase(Locale.ROOT);
            case "o" -> Long.toOctalString((long) abs);
            case "b" -> Long.toBinaryString((long) abs);
            case "c" -> new String(Character.toChars((int) abs));
            default -> precision == null ? Py.repr(abs) : general(abs, precision);
        };
        if (type != null && (type.equals("E") || type.equals("F"))) {
            body = body.toUpperCase(Locale.ROOT);
        }
        if (grouping != null) {
            body = group(body, grouping);
        }
        return pad(body, width, fill, align == null ? ">" : align, prefix);
    }

    /** A width or precision, as Python reads it (it too refuses more than fits its index type). */
    private static int digits(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new PyException("Too many decimal digits in format string");
        }
    }

    private static String general(double abs, int precision) {
        int p = Math.max(precision, 1);
        String s = String.format("%." + (p - 1) + "e", abs);
        int exp = Integer.parseInt(s.substring(s.indexOf('e') + 1));
        String out;
        if (exp >= -4 && exp < p) {
            out = String.format("%." + Math.max(p - 1 - exp, 0) + "f", abs);
            if (out.contains(".")) {
                out = out.replaceFirst("0+$", "").replaceFirst("\\.$", "");
            }
        } else {
            String mantissa = s.substring(0, s.indexOf('e'));
            if (mantissa.contains(".")) {
                mantissa = mantissa.replaceFirst("0+$", "").replaceFirst("\\.$", "");
            }
            out = exponent(mantissa + s.substring(s.indexOf('e')));
        }
        return out;
    }

    /** Java writes {@code 1.5e+00}; Python writes at least two exponent digits, the same, but Java may write more. */
    private static String exponent(String s) {
        int e = s.indexOf('e');
        int exp = Integer.parseInt(s.substring(e + 1));
        return s.substring(0, e) + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    private static String group(String body, String separator) {
        int dot = body.indexOf('.');
        String whole = dot < 0 ? body : body.substring(0, dot);
        String rest = dot < 0 ? "" : body.substring(dot);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                out.append(separator);
            }
            out.append(whole.charAt(i));
        }
        return out + rest;
    }

    private static String pad(String body, int width, String fill, String align, String sign) {
        int missing = width - body.length() - sign.length();
        if (missing <= 0) {
            return sign + body;
        }
        RenderBudget.current().make(missing, "the format width " + width);
        return switch (align) {
            case "<" -> sign + body + fill.repeat(missing);
            case "^" -> fill.repeat(missing / 2) + sign + body + fill.repeat(missing - missing / 2);
            case "=" -> sign + fill.repeat(missing) + body;
            default -> fill.repeat(missing) + sign + body;
        };
    }

    /**
     * @param template the format string
     * @param values a tuple of values, a dict (for {@code %(name)s}) or one value
     * @return {@code template % values}
     */
    static String percent(String template, Object values) {
        List<Object> args = values instanceof PyTuple t ? t : List.of(values == null ? NONE : values);
        Map<?, ?> mapping = values instanceof Map<?, ?> m ? m : null;
        StringBuilder out = new StringBuilder();
        Matcher m = PERCENT.matcher(template);
        int at = 0;
        int next = 0;
        while (m.find()) {
            out.append(template, at, m.start());
            at = m.end();
            String type = m.group(5);
            if (type.equals("%")) {
                out.append('%');
                continue;
            }
            Object value;
            if (m.group(1) != null) {
                if (mapping == null) {
                    throw new PyException("format requires a mapping");
                }
                value = Py.get(mapping, m.group(1), NONE);
                if (value == NONE) {
                    throw new PyException("KeyError: '" + m.group(1) + "'");
                }
            } else {
                if (next >= args.size()) {
                    throw new PyException("not enough arguments for format string");
                }
                value = args.get(next++);
                value = value == NONE ? null : value;
            }
            String flags = m.group(2);
            String width = m.group(3) == null ? "" : m.group(3);
            String precision = m.group(4) == null ? "" : "." + m.group(4);
            String sign = flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
            String spec = (flags.contains("-") ? "<" : "") + sign
                    + (flags.contains("0") && !flags.contains("-") ? "0" : "") + width + precision;
            out.append(switch (type) {
                case "s", "a" -> formatSpec(Py.str(value), spec);
                case "r" -> formatSpec(Py.repr(value), spec);
                case "d", "i", "u" -> formatSpec(Py.isInt(value) || value instanceof Boolean ? value
                        : (Object) (long) ((Number) value).doubleValue(), spec + "d");
                default -> formatSpec(value, spec + type);
            });
        }
        if (mapping == null && next < args.size()) {
            throw new PyException("not all arguments converted during string formatting");
        }
        out.append(template.substring(at));
        return out.toString();
    }

    private static final Object NONE = new Object();
}
