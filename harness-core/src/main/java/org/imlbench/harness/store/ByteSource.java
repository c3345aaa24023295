package org.imlbench.harness.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads what a {@link ByteSink} wrote, from a slice of a byte array. */
final class ByteSource {
    private final byte[] bytes;
    private int at;
    private final int end;

    /**
     * @param bytes the array
     * @param from where the record starts
     * @param end where it ends (exclusive)
     */
    ByteSource(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.at = from;
        this.end = end;
    }

    /**
     * @return the next varint
     * @throws IOException when the record ends inside it
     */
    long varint() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at >= end) {
                throw new IOException("record ends inside a number");
            }
            byte b = bytes[at++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("malformed number");
    }

    /**
     * @return the next varint, which must fit an int
     * @throws IOException when it does not or the record ends inside it
     */
    int count() throws IOException {
        long value = varint();
        if (value > Integer.MAX_VALUE) {
            throw new IOException("count out of range: " + value);
        }
        return (int) value;
    }

    /**
     * @return the next string
     * @throws IOException when the record ends inside it or its bytes are malformed
     */
    String string() throws IOException {
        long header = varint();
        if (header / 2 > Integer.MAX_VALUE) {
            throw new IOException("string length out of range: " + header / 2);
        }
        int length = (int) (header / 2);
        if ((header & 1) == 0) {
            if (length > end - at) {
                throw new IOException("record ends inside a string");
            }
            String ascii = new String(bytes, at, length, StandardCharsets.ISO_8859_1);
            at += length;
            return ascii;
        }
        char[] chars = new char[length];
        byte[] b = bytes;
        int i = at;
        for (int c = 0; c < length; c++) {
            if (i >= end) {
                throw new IOException("record ends inside a string");
            }
            int first = b[i++] & 0xFF;
            if (first < 0x80) {
                chars[c] = (char) first;
            } else if (first < 0xE0) {
                if (i >= end) {
                    throw new IOException("record ends inside a string");
                }
                chars[c] = (char) ((first & 0x1F) << 6 | b[i++] & 0x3F);
            } else {
                if (i + 1 >= end) {
                    throw new IOException("record ends inside a string");
                }
                chars[c] = (char) ((first & 0x0F) << 12 | (b[i++] & 0x3F) << 6 | b[i++] & 0x3F);
            }
        }
        at = i;
        return new String(chars);
    }
}
