package org.imlbench.templates.jinja;

import com.hubspot.jinjava.el.ext.ExtendedScanner;
import java.util.Set;

/**
 * Jinjava's expression scanner with Jinja2's lexical rules: Python escapes in string literals (unknown ones keep
 * their backslash, as in Python, so {@code '\d+'} is a regular expression), and the Java EL words that are not Jinja
 * keywords ({@code gt}, {@code div}, {@code empty}, {@code null}, ...) left free for field names.
 */
final class PyScanner extends ExtendedScanner {
    /** Java EL operators spelled as words; in Jinja they are ordinary names. */
    private static final Set<String> NOT_KEYWORDS = Set.of("div", "mod", "eq", "ne", "lt", "gt", "le", "ge", "empty",
            "instanceof", "null");

    PyScanner(String input) {
        super(input);
    }

    @Override
    protected Token keyword(String s) {
        return NOT_KEYWORDS.contains(s) ? null : super.keyword(s);
    }

    /** A {@code +} is addition (Jinjava reads {@code +2} as its absolute-value operator: {@code 0.1+0.2} failed). */
    @Override
    protected Token nextEval() throws ScanException {
        if (getInput().charAt(getPosition()) == '+') {
            return fixed(Symbol.PLUS);
        }
        return super.nextEval();
    }

    @Override
    protected Token nextString() throws ScanException {
        builder.setLength(0);
        String input = getInput();
        char quote = input.charAt(getPosition());
        int i = getPosition() + 1;
        while (i < input.length()) {
            char c = input.charAt(i++);
            if (c == quote) {
                return token(Symbol.STRING, builder.toString(), i - getPosition());
            }
            if (c != '\\') {
                builder.append(c);
                continue;
            }
            if (i == input.length()) {
                break;
            }
            char e = input.charAt(i++);
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> builder.append(e);
                case 'n' -> builder.append('\n');
                case 't' -> builder.append('\t');
                case 'r' -> builder.append('\r');
                case 'b' -> builder.append('\b');
                case 'f' -> builder.append('\f');
                case 'v' -> builder.append('\u000b');
                case 'a' -> builder.append('\u0007');
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > input.length()
                            || !input.substring(i, i + digits).matches("[0-9a-fA-F]+")) {
                        throw new ScanException(getPosition(), "truncated \\" + e + " escape", "hex digits");
                    }
                    builder.appendCodePoint(Integer.parseInt(input.substring(i, i + digits), 16));
                    i += digits;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i - 1;
                        while (end < input.length() && end < i + 2 && input.charAt(end) >= '0'
                                && input.charAt(end) <= '7') {
                            end++;
                        }
                        builder.appendCodePoint(Integer.parseInt(input.substring(i - 1, end), 8));
                        i = end;
                    } else {
                        builder.append('\\').append(e);
                    }
                }
            }
        }
        throw new ScanException(getPosition(), "unterminated string", String.valueOf(quote));
    }
}
