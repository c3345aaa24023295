package org.imlbench.harness.tasks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.imlbench.harness.store.InstanceStore;

/**
 * 64-bit hashes of text, for the compact indexes of large task sets (instance ids, normalized inputs): two texts with
 * different hashes differ; two with equal hashes are compared in full wherever a false match would change a result
 * (only instance ids, whose hashes are kept instead of the ids, are not).
 * Also the one definition of a <em>normalized</em> text, which decides what counts as "the same input" for splits,
 * demonstrations and the leakage check: stripped, with every run of ASCII whitespace turned into one space.
 */
public final class TextHash {
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long MULTIPLIER = 0xBF58476D1CE4E5B9L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 1L << ' ' | 1L << '\t' | 1L << '\n' | 1L << 0x0B | 1L << '\f' | 1L << '\r';

    private TextHash() {
    }

    /**
     * @param text any text
     * @return its hash: the hash of its encoding in the instance store ({@link InstanceStore#encodeText})
     */
    public static long of(String text) {
        byte[] bytes = InstanceStore.encodeText(text);
        return ofEncoded(bytes, 0, bytes.length);
    }

    /**
     * Hashes an encoded text where it lies, e.g. in a record {@link InstanceStore#encode} made: equal to
     * {@code of(text)}, about a cycle per byte.
     *
     * @param bytes holds the encoding
     * @param from where it starts
     * @param to where it ends
     * @return the text's hash
     */
    public static long ofEncoded(byte[] bytes, int from, int to) {
        long h = SEED;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = mix(h ^ (long) LONGS.get(bytes, i));
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        return finish(mix(h ^ tail) + (to - from));
    }

    /**
     * Hashes a text's normalized form: equal for texts whose {@link #normalize normalized} forms are equal, which is
     * all that its uses (grouping equal inputs, excluding same-input demonstrations, the exact-input leakage test)
     * need; each of them confirms a match of hashes by comparing the texts.
     *
     * @param text any text
     * @return {@code of(normalize(text))}
     */
    public static long ofNormalized(String text) {
        return of(isNormalized(text) ? text : normalize(text));
    }

    /**
     * Most inputs are already normalized, which a few vectorized searches tell.
     *
     * @param text any text
     * @return whether {@code normalize(text)} is {@code text} itself
     */
    public static boolean isNormalized(String text) {
        int n = text.length();
        return n == 0 || !Character.isWhitespace(text.charAt(0)) && !Character.isWhitespace(text.charAt(n - 1))
                && text.indexOf('\n') < 0 && text.indexOf('\t') < 0 && text.indexOf('\r') < 0
                && text.indexOf('\u000B') < 0 && text.indexOf('\f') < 0 && !text.contains("  ");
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

    /** The characters of a regular expression's {@code \s}: space, tab, line feed, vertical tab, form feed, return. */
    private static boolean isSpace(char c) {
        return c <= ' ' && (SPACES >>> c & 1) != 0;
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

    private static long mix(long h) {
        long z = h * MULTIPLIER;
        return z ^ (z >>> 29);
    }

    private static long finish(long h) {
        long z = h;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
