package org.imlbench.metrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python {@code str} operations the official evaluation scripts rely on, with Python's semantics, so that
 * normalization matches them character for character.
 */
public final class PythonStrings {
    private PythonStrings() {
    }

    /**
     * Python's {@code str.lower()}: Unicode full lower-case mapping, independent of the default locale.
     *
     * @param text any text
     * @return the lower-cased text
     */
    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * Python's {@code str.isspace()} for one code point: general category Zs, or bidirectional class WS, B or S.
     * Unlike {@link Character#isWhitespace}, this includes no-break spaces (U+00A0, U+2007, U+202F) and U+0085.
     *
     * @param codePoint a code point
     * @return whether Python's {@code str.split()} splits on it
     */
    public static boolean isSpace(int codePoint) {
        if (Character.getType(codePoint) == Character.SPACE_SEPARATOR) {
            return true;
        }
        byte direction = Character.getDirectionality(codePoint);
        return direction == Character.DIRECTIONALITY_WHITESPACE
                || direction == Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR
                || direction == Character.DIRECTIONALITY_SEGMENT_SEPARATOR;
    }

    /**
     * Python's {@code str.split()} without arguments: the runs of non-whitespace, with no empty strings.
     *
     * @param text any text
     * @return its words, in order
     */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    words.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }
}
