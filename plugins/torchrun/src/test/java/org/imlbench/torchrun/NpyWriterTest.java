package org.imlbench.torchrun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
    @TempDir
    Path temp;

    @Test
    void writesAnAlignedHeaderAndLittleEndianValuesInCOrder() throws IOException {
        Path file = temp.resolve("a.npy");
        try (NpyWriter w = new NpyWriter(file, 2, 1, 3)) {
            w.write(new int[] {1, -100, 70000});
            w.write(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE});
        }
        NpyFiles read = NpyFiles.read(file);
        assertArrayEquals(new long[] {2, 1, 3}, read.shape());
        assertArrayEquals(new int[] {1, -100, 70000, Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, read.values());
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, read.row(1, 0));
    }

    @Test
    void headersOfEveryLengthEndAtAMultipleOf64() {
        for (long n : new long[] {1, 9, 99_999, 123_456_789_012L}) {
            byte[] header = NpyWriter.header(n, n, n);
            assertEquals(0, header.length % 64, "shape " + n);
            assertEquals('\n', header[header.length - 1]);
        }
        assertTrue(new String(NpyWriter.header(5)).contains("'shape': (5,)"), "a 1-d shape is a Python 1-tuple");
    }

    @Test
    void refusesMoreOrFewerValuesThanTheShapeHolds() throws IOException {
        IOException more = assertThrows(IOException.class, () -> {
            try (NpyWriter w = new NpyWriter(temp.resolve("more.npy"), 2)) {
                w.write(new int[] {1, 2, 3});
            }
        });
        assertTrue(more.getMessage().contains("more values than its shape holds"), more.getMessage());
        IOException fewer = assertThrows(IOException.class, () -> {
            try (NpyWriter w = new NpyWriter(temp.resolve("fewer.npy"), 2, 2)) {
                w.write(new int[] {1, 2, 3});
            }
        });
        assertTrue(fewer.getMessage().contains("3 values written, its shape holds 4"), fewer.getMessage());
    }

    @Test
    void streamsArraysLargerThanItsBuffer() throws IOException {
        Path file = temp.resolve("big.npy");
        int n = 100_003;
        try (NpyWriter w = new NpyWriter(file, n)) {
            for (int i = 0; i < n; i += 1000) {
                int[] chunk = new int[Math.min(1000, n - i)];
                for (int k = 0; k < chunk.length; k++) {
                    chunk[k] = i + k;
                }
                w.write(chunk);
            }
        }
        int[] values = NpyFiles.read(file).values();
        assertEquals(n, values.length);
        assertEquals(n - 1, values[n - 1]);
        assertEquals(54_321, values[54_321]);
    }
}
