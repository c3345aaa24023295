package org.imlbench.hf.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/** Writes float32 tensors to one safetensors file, pulling each tensor's values only when it is written. */
final class SafetensorsWriter {
    private static final int CHUNK_FLOATS = 1 << 18;

    private SafetensorsWriter() {
    }

    /**
     * @param file the file to create
     * @param shapes stored name to shape, in the order the data is laid out
     * @param source the values of each stored name
     * @throws IOException when the file cannot be written or a tensor's size disagrees with its shape
     */
    static void write(Path file, Map<String, long[]> shapes, CheckpointWriter.TensorSource source)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long bytes = FloatBuffers.elementCount(e.getValue()) * Float.BYTES;
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", "F32");
            Arrays.stream(e.getValue()).forEach(entry.putArray("shape")::add);
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes;
        try {
            headerBytes = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException ex) {
            throw new IOException(file + ": cannot serialise the header", ex);
        }
        // pad with spaces so the data starts 8-byte aligned, as the safetensors library does
        int padded = (headerBytes.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(headerBytes);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(out, head);
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                TensorData t = source.read(e.getKey());
                FloatBuffer data = t.data().duplicate();
                long expected = FloatBuffers.elementCount(e.getValue());
                if (data.remaining() != expected || !Arrays.equals(t.shape(), e.getValue())) {
                    throw new IOException(file + ": tensor '" + e.getKey() + "' has " + data.remaining()
                            + " values and shape " + Arrays.toString(t.shape()) + ", expected shape "
                            + Arrays.toString(e.getValue()));
                }
                while (data.hasRemaining()) {
                    int n = Math.min(CHUNK_FLOATS, data.remaining());
                    chunk.clear();
                    FloatBuffer slice = data.slice();
                    slice.limit(n);
                    chunk.asFloatBuffer().put(slice);
                    chunk.limit(n * Float.BYTES);
                    writeFully(out, chunk);
                    data.position(data.position() + n);
                }
            }
            out.force(true);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
