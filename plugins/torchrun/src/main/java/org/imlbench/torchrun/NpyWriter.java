package org.imlbench.torchrun;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.imlbench.files.IoErrors;

/**
 * Streams a C-order int32 array of a known shape into a numpy {@code .npy} file (format 1.0): the magic, a header
 * dictionary padded with spaces to a multiple of 64 bytes, then the values as raw little-endian int32, written as they
 * come so that memory does not grow with the array. {@code numpy.load(path, mmap_mode="r")} maps it as it is.
 */
final class NpyWriter implements AutoCloseable {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGNMENT = 64;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final long expected;
    private long written;

    /**
     * Creates (or truncates) the file and writes its header.
     *
     * @param file the {@code .npy} file
     * @param shape the array's shape, outermost first
     * @throws IOException naming the file when it cannot be written
     */
    NpyWriter(Path file, long... shape) throws IOException {
        this.file = file;
        this.expected = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            writeFully(ByteBuffer.wrap(header(shape)));
        } catch (IOException e) {
            throw IoErrors.naming(file, "cannot write", e);
        }
    }

    /**
     * The magic, version 1.0, the header length and the header dictionary, padded with spaces and ended by a newline
     * so that the data starts at a multiple of 64 bytes (numpy's own alignment).
     */
    static byte[] header(long... shape) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? "," : "")
                + "), }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        String padded = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) padded.length()).put(padded.getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    /**
     * Appends values in C order.
     *
     * @param values the next values
     * @throws IOException when writing fails, or more values come than the shape holds
     */
    void write(int[] values) throws IOException {
        if (written + values.length > expected) {
            throw new IOException(file + ": more values than its shape holds (" + expected + ")");
        }
        try {
            for (int v : values) {
                if (!buffer.hasRemaining()) {
                    flushBuffer();
                }
                buffer.putInt(v);
            }
        } catch (IOException e) {
            throw IoErrors.naming(file, "cannot write", e);
        }
        written += values.length;
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /**
     * Flushes, forces the file to disk and closes it.
     *
     * @throws IOException when writing fails, or fewer values came than the shape holds
     */
    @Override
    public void close() throws IOException {
        try (channel) {
            flushBuffer();
            channel.force(true);
        } catch (IOException e) {
            throw IoErrors.naming(file, "cannot write", e);
        }
        if (written != expected) {
            throw new IOException(file + ": " + written + " values written, its shape holds " + expected);
        }
    }
}
