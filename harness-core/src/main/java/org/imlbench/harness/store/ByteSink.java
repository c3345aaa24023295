package org.imlbench.harness.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that records are encoded into: unsigned varints and strings. ASCII strings are stored as
 * their bytes; any other string as its UTF-16 units, each in one to three bytes (UTF-8 for every character of the
 * Basic Multilingual Plane, and each surrogate on its own), so that any Java string, even one holding a lone surrogate
 * from a {@code \ud800} escape in a task file, reads back identical: a store must never change a task's text.
 */
final class ByteSink {
    private byte[] bytes = new byte[1 << 12];
    private int size;

    /** Empties the buffer, keeping its capacity. */
    void reset() {
        size = 0;
    }

    /** @return the bytes written so far (the array is reused: copy what must outlive the next write) */
    byte[] array() {
        return bytes;
    }

    /** @return how many bytes were written */
    int size() {
        return size;
    }

    /** @param value a value {@code >= 0} */
    void varint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    /**
     * Writes a string: {@code 2 * length}, then its bytes, when it is ASCII (most text; told from its UTF-8 encoding
     * having one byte per character, none of them the {@code ?} that UTF-8 writes for a lone surrogate), else
     * {@code 2 * length + 1}, then each UTF-16 unit.
     *
     * @param text any string
     */
    void string(String text) {
        int length = text.length();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == length && noReplacement(utf8, text)) {
            // one byte per character, none of them a replaced lone surrogate: every character is ASCII
            varint(2L * length);
            ensure(length);
            System.arraycopy(utf8, 0, bytes, size, length);
            size += length;
            return;
        }
        varint(2L * length + 1);
        ensure(3 * length);
        byte[] b = bytes;
        int at = size;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        size = at;
    }

    /** @return whether every {@code ?} in a one-byte-per-character encoding was a {@code ?} in the text */
    private static boolean noReplacement(byte[] utf8, String text) {
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '?' && text.charAt(i) != '?') {
                return false;
            }
        }
        return true;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
