package org.imlbench.templates.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Python's {@code str} methods with CPython's semantics (whitespace as {@code str.isspace}, indices in code points,
 * {@code split} without regular expressions), for the method calls that templates make ({@code text.strip()},
 * {@code answer.split('####')[-1]}, ...).
 */
public final class PyStr {
    private PyStr() {
    }

    /**
     * Python's {@code str.isspace()} for one code point: general category Zs, or bidirectional class WS, B or S
     * (so U+00A0 and U+0085 count, unlike {@link Character#isWhitespace}).
     *
     * @param cp a code point
     * @return whether Python treats it as whitespace
     */
    public static boolean isSpace(int cp) {
        if (Character.getType(cp) == Character.SPACE_SEPARATOR) {
            return true;
        }
        byte direction = Character.getDirectionality(cp);
        return direction == Character.DIRECTIONALITY_WHITESPACE
                || direction == Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR
                || direction == Character.DIRECTIONALITY_SEGMENT_SEPARATOR;
    }

    private static boolean stripped(int cp, String chars) {
        return chars == null ? isSpace(cp) : chars.indexOf(new String(Character.toChars(cp))) >= 0;
    }

    /**
     * @param s text
     * @param chars the characters to remove, or null for whitespace
     * @return {@code s.strip(chars)}
     */
    public static String strip(String s, String chars) {
        return rstrip(lstrip(s, chars), chars);
    }

    /**
     * @param s text
     * @param chars the characters to remove, or null for whitespace
     * @return {@code s.lstrip(chars)}
     */
    public static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!stripped(cp, chars)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    /**
     * @param s text
     * @param chars the characters to remove, or null for whitespace
     * @return {@code s.rstrip(chars)}
     */
    public static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!stripped(cp, chars)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /**
     * @param s text
     * @param sep the separator, or null to split on runs of whitespace
     * @param maxsplit the most splits, or -1 for no limit
     * @return {@code s.split(sep, maxsplit)}
     */
    public static List<Object> split(String s, String sep, long maxsplit) {
        List<Object> out = new ArrayList<>();
        long limit = maxsplit < 0 ? Long.MAX_VALUE : maxsplit;
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                if (i >= n) {
                    return out;
                }
                if (out.size() == limit) {
                    out.add(s.substring(i));
                    return out;
                }
                int start = i;
                while (i < n && !isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                out.add(s.substring(start, i));
            }
        }
        if (sep.isEmpty()) {
            throw new PyException("empty separator");
        }
        int start = 0;
        while (out.size() < limit) {
            int at = s.indexOf(sep, start);
            if (at < 0) {
                break;
            }
            out.add(s.substring(start, at));
            start = at + sep.length();
        }
        out.add(s.substring(start));
        return out;
    }

    /**
     * @param s text
     * @param sep the separator, or null for whitespace
     * @param maxsplit the most splits, or -1 for no limit
     * @return {@code s.rsplit(sep, maxsplit)}
     */
    public static List<Object> rsplit(String s, String sep, long maxsplit) {
        if (maxsplit < 0) {
            return split(s, sep, -1);
        }
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int end = s.length();
            while (true) {
                while (end > 0 && isSpace(s.codePointBefore(end))) {
                    end -= Character.charCount(s.codePointBefore(end));
                }
                if (end <= 0) {
                    break;
                }
                if (out.size() == maxsplit) {
                    out.add(0, s.substring(0, end));
                    return out;
                }
                int stop = end;
                while (end > 0 && !isSpace(s.codePointBefore(end))) {
                    end -= Character.charCount(s.codePointBefore(end));
                }
                out.add(0, s.substring(end, stop));
            }
            return out;
        }
        if (sep.isEmpty()) {
            throw new PyException("empty separator");
        }
        int end = s.length();
        while (out.size() < maxsplit) {
            int at = s.lastIndexOf(sep, end - sep.length());
            if (at < 0) {
                break;
            }
            out.add(0, s.substring(at + sep.length(), end));
            end = at;
        }
        out.add(0, s.substring(0, end));
        return out;
    }

    /**
     * @param s text
     * @param keepends whether to keep the line breaks
     * @return {@code s.splitlines(keepends)}
     */
    public static List<Object> splitlines(String s, boolean keepends) {
        List<Object> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int breakLength = 0;
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                breakLength = 2;
            } else if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
                breakLength = 1;
            }
            if (breakLength > 0) {
                out.add(s.substring(start, keepends ? i + breakLength : i));
                i += breakLength;
                start = i;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    /**
     * @param s text
     * @param old what to replace
     * @param replacement what to put instead
     * @param count the most replacements, or -1 for all
     * @return {@code s.replace(old, replacement, count)}
     */
    public static String replace(String s, String old, String replacement, long count) {
        long limit = count < 0 ? Long.MAX_VALUE : count;
        RenderBudget budget = RenderBudget.current();
        if (old.isEmpty()) {
            StringBuilder out = new StringBuilder();
            long done = 0;
            int i = 0;
            while (i <= s.length()) {
                if (done < limit) {
                    budget.make(replacement.length(), "replace");
                    out.append(replacement);
                    done++;
                }
                if (i == s.length()) {
                    break;
                }
                int cp = s.codePointAt(i);
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            return out.toString();
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        long done = 0;
        while (done < limit) {
            int at = s.indexOf(old, start);
            if (at < 0) {
                break;
            }
            budget.make(replacement.length(), "replace");
            out.append(s, start, at).append(replacement);
            start = at + old.length();
            done++;
        }
        return out.append(s.substring(start)).toString();
    }

    /** @return Python's {@code str.upper()} (full case mapping, independent of the JVM's locale) */
    public static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** @return Python's {@code str.lower()} */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** @return Python's {@code str.capitalize()}: the first character title-cased, the rest lower-cased */
    public static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        String head = titleCase(first);
        return head + lower(s.substring(Character.charCount(first)));
    }

    private static String titleCase(int cp) {
        int title = Character.toTitleCase(cp);
        if (title != cp || Character.isTitleCase(cp)) {
            return new String(Character.toChars(title));
        }
        return new String(Character.toChars(cp)).toUpperCase(Locale.ROOT);
    }

    /** @return Python's {@code str.title()}: each run of letters title-cased at its start, lower-cased after */
    public static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean previousCased = false;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (previousCased) {
                out.append(lower(ch));
            } else {
                out.append(titleCase(cp));
            }
            previousCased = Character.isLetter(cp) && (Character.isUpperCase(cp) || Character.isLowerCase(cp)
                    || Character.isTitleCase(cp));
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /**
     * @param s text
     * @param sub what to find
     * @param start first code point index searched, or null
     * @param end index past the last searched, or null
     * @return {@code s.find(sub, start, end)}: a code point index, or -1
     */
    public static long find(String s, String sub, Object start, Object end) {
        Slice range = Slice.of(start, end, null, codePoints(s));
        String window = substring(s, range.start(), Math.max(range.start(), range.stop()));
        int at = window.indexOf(sub);
        return at < 0 ? -1 : range.start() + window.codePointCount(0, at);
    }

    /**
     * @param s text
     * @param sub what to find
     * @param start first code point index searched, or null
     * @param end index past the last searched, or null
     * @return {@code s.rfind(sub, start, end)}
     */
    public static long rfind(String s, String sub, Object start, Object end) {
        Slice range = Slice.of(start, end, null, codePoints(s));
        String window = substring(s, range.start(), Math.max(range.start(), range.stop()));
        int at = window.lastIndexOf(sub);
        return at < 0 ? -1 : range.start() + window.codePointCount(0, at);
    }

    /**
     * @param s text
     * @param sub what to count
     * @return {@code s.count(sub)}
     */
    public static long count(String s, String sub) {
        if (sub.isEmpty()) {
            return codePoints(s) + 1L;
        }
        long n = 0;
        int at = s.indexOf(sub);
        while (at >= 0) {
            n++;
            at = s.indexOf(sub, at + sub.length());
        }
        return n;
    }

    /** @return the number of code points: Python's {@code len} */
    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * @param s text
     * @param from a code point index
     * @param to a code point index (exclusive)
     * @return the code points between them
     */
    static String substring(String s, int from, int to) {
        if (from >= to) {
            return "";
        }
        int begin = s.offsetByCodePoints(0, from);
        return s.substring(begin, s.offsetByCodePoints(begin, to - from));
    }

    /**
     * @param s text
     * @param index a code point index, negative from the end
     * @return the character there, as a one-character string
     * @throws PyException when out of range
     */
    static String charAt(String s, long index) {
        int n = codePoints(s);
        long i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new PyException("string index out of range");
        }
        int offset = s.offsetByCodePoints(0, (int) i);
        return new String(Character.toChars(s.codePointAt(offset)));
    }

    /**
     * @param s text
     * @param slice a slice
     * @return {@code s[start:stop:step]}
     */
    static String slice(String s, Slice slice) {
        if (slice.step() == 1) {
            return substring(s, slice.start(), Math.max(slice.start(), slice.stop()));
        }
        int[] cps = s.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i : slice.indices()) {
            out.appendCodePoint(cps[i]);
        }
        return out.toString();
    }

    /** @return whether every character satisfies the test and there is at least one (Python's {@code is*}) */
    static boolean all(String s, IntPredicate test) {
        return !s.isEmpty() && s.codePoints().allMatch(test);
    }

    /** @return Python's {@code str.isupper()}: cased characters all upper case, and at least one */
    static boolean isUpper(String s) {
        boolean cased = false;
        for (int cp : s.codePoints().toArray()) {
            if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            cased |= Character.isUpperCase(cp);
        }
        return cased;
    }

    /** @return Python's {@code str.islower()} */
    static boolean isLower(String s) {
        boolean cased = false;
        for (int cp : s.codePoints().toArray()) {
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            cased |= Character.isLowerCase(cp);
        }
        return cased;
    }

    /**
     * @param s text
     * @param width the width
     * @param fill the fill character
     * @param align -1 left, 0 centre, 1 right
     * @return Python's {@code ljust}, {@code center} or {@code rjust}
     */
    static String pad(String s, long width, String fill, int align) {
        int n = codePoints(s);
        if (width <= n) {
            return s;
        }
        RenderBudget.current().make(width - n, "padding to width " + width);
        int total = (int) width - n;
        int left = switch (align) {
            case -1 -> 0;
            case 1 -> total;
            // CPython's center puts the extra character on the left when the text's length is odd
            default -> total / 2 + (total & n & 1);
        };
        return fill.repeat(left) + s + fill.repeat(total - left);
    }
}
