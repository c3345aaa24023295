package org.imlbench.harness.tasks;

/**
 * 64-bit hashes of text, for the compact indexes of large task sets (instance ids, normalized inputs): two texts with
 * different hashes differ; two with equal hashes are compared in full wherever a false match would change a result.
 * Also the one definition of a <em>normalized</em> text, which decides what counts as "the same input" for splits,
 * demonstrations and the leakage check: stripped, with every run of ASCII whitespace turned into one space.
 */
public final class TextHash {
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long MULTIPLIER = 0xBF58476D1CE4E5B9L;

    private TextHash() {
    }

    /**
     * @param text any text
     * @return its hash
     */
    public static long of(CharSequence text) {
        long h = SEED;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * MULTIPLIER;
            h ^= h >>> 29;
        }
        return finish(h + text.length());
    }

    /**
     * Hashes {@code normalize(text)} without building it: equal to {@code of(normalize(text))}.
     *
     * @param text any text
     * @return the hash of its normalized form
     */
    public static long ofNormalized(String text) {
        int start = start(text);
        int end = end(text, start);
        long h = SEED;
        int length = 0;
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (space) {
                    continue;
                }
                space = true;
                c = ' ';
            } else {
                space = false;
            }
            h = (h ^ c) * MULTIPLIER;
            h ^= h >>> 29;
            length++;
        }
        return finish(h + length);
    }

    /**
     * What counts as "the same input": the text stripped ({@link String#strip()}), with every run of the whitespace
     * that a regular expression's {@code \s} matches replaced by one space (exactly
     * {@code text.strip().replaceAll("\\s+", " ")}, without the regular expression's cost).
     *
     * @param text any text
     * @return its normalized form
     */
    public static String normalize(String text) {
        int start = start(text);
        int end = end(text, start);
        StringBuilder out = new StringBuilder(end - start);
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                out.append(c);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        return out.toString();
    }

    /** The characters of a regular expression's {@code \s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Where {@link String#strip()} starts (every whitespace code point is a single UTF-16 unit). */
    private static int start(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int end(String text, int start) {
        int end = text.length();
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static long finish(long h) {
        long z = h;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
