package org.imlbench.templates.jinja;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python's {@code re} on Java's regular expressions: patterns with Python's named-group syntax and Unicode classes
 * ({@code \w}, {@code \d}, {@code \s} match beyond ASCII, as for Python's {@code str} patterns), and {@code re.sub}
 * replacement templates ({@code \1}, {@code \g<name>}, escapes).
 */
public final class PyRegex {
    private PyRegex() {
    }

    /**
     * @param pattern a Python regular expression
     * @param flags extra {@link Pattern} flags
     * @return the compiled pattern
     * @throws PyException when Java cannot compile it
     */
    public static Pattern compile(String pattern, int flags) {
        String java = pattern.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        try {
            return Pattern.compile(java, flags | Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw new PyException("bad regular expression " + Py.repr(pattern) + ": " + e.getDescription());
        }
    }

    /**
     * @param pattern a Python regular expression
     * @param replacement a Python replacement template
     * @param text the text
     * @param count the most replacements, 0 for all
     * @return Python's {@code re.sub(pattern, replacement, text, count=count)}
     */
    public static String sub(String pattern, String replacement, String text, long count) {
        RenderBudget budget = RenderBudget.current();
        Matcher m = compile(pattern, 0).matcher(RenderBudget.watched(text));
        StringBuilder out = new StringBuilder();
        long done = 0;
        while ((count <= 0 || done < count) && m.find()) {
            String expanded = expand(replacement, m);
            budget.make(expanded.length(), "re.sub");
            m.appendReplacement(out, Matcher.quoteReplacement(expanded));
            done++;
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Expands a Python replacement template for one match. */
    private static String expand(String template, Matcher m) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char e = template.charAt(++i);
            if (Character.isDigit(e)) {
                int end = i + 1;
                if (end < template.length() && Character.isDigit(template.charAt(end))) {
                    end++;
                }
                out.append(group(m, template.substring(i, end)));
                i = end - 1;
            } else if (e == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                if (close < 0) {
                    throw new PyException("missing >, unterminated name in " + Py.repr(template));
                }
                out.append(group(m, template.substring(i + 2, close)));
                i = close;
            } else {
                out.append(switch (e) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case 'f' -> "\f";
                    case 'v' -> "\u000b";
                    case 'a' -> "\u0007";
                    case '\\' -> "\\";
                    default -> "\\" + e;
                });
            }
        }
        return out.toString();
    }

    private static String group(Matcher m, String name) {
        String value = name.matches("\\d+") ? m.group(Integer.parseInt(name)) : m.group(name);
        return value == null ? "" : value;
    }
}
