package org.imlbench.torchrun;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the int32 {@code .npy} files the tests write: shape and values, checking the header as numpy would. */
record NpyFiles(long[] shape, int[] values) {
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '<i4', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\} *\\n");

    static NpyFiles read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        b.get(magic);
        if (!Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})) {
            throw new IOException(file + ": not an .npy 1.0 file");
        }
        int length = Short.toUnsignedInt(b.getShort());
        byte[] header = new byte[length];
        b.get(header);
        if ((10 + length) % 64 != 0) {
            throw new IOException(file + ": data not aligned to 64 bytes");
        }
        Matcher m = HEADER.matcher(new String(header, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            throw new IOException(file + ": unexpected header " + new String(header, StandardCharsets.US_ASCII));
        }
        long[] shape = Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        int[] values = new int[b.remaining() / 4];
        b.asIntBuffer().get(values);
        return new NpyFiles(shape, values);
    }

    /** @return the values of entry {@code [i][j][*]} of a 3-d array */
    int[] row(int i, int j) {
        int width = (int) shape[2];
        int start = (int) ((i * shape[1] + j) * width);
        return Arrays.copyOfRange(values, start, start + width);
    }
}
