package org.imlbench.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One fuzz input holding several files (a task file and its prompt file, a vocabulary and its merges, ...): the parts
 * are separated by NUL bytes, which the formats concerned rarely hold, so that a fuzzer mutating one part leaves the
 * others alone.
 */
public final class FuzzParts {
    private FuzzParts() {
    }

    /**
     * @param input a fuzz input
     * @param count how many parts the target reads
     * @return exactly {@code count} parts: the input cut at its first {@code count - 1} NUL bytes (the last part keeps
     *         any further NULs), missing parts empty
     */
    public static List<byte[]> split(byte[] input, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < input.length && parts.size() < count - 1; i++) {
            if (input[i] == 0) {
                parts.add(Arrays.copyOfRange(input, start, i));
                start = i + 1;
            }
        }
        parts.add(Arrays.copyOfRange(input, Math.min(start, input.length), input.length));
        while (parts.size() < count) {
            parts.add(new byte[0]);
        }
        return parts;
    }

    /**
     * @param parts the parts' texts, written as UTF-8
     * @return one input that {@link #split} cuts back into them (as long as the parts hold no NUL)
     */
    public static byte[] join(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.write(0);
            }
            out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
