package org.imlbench.hf.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.imlbench.files.IoErrors;

/**
 * A safetensors file: an 8-byte little-endian header length, a JSON header of
 * {@code name: {dtype, shape, data_offsets}}, then the data. Tensors are read chunk by chunk with positional reads
 * (see {@link TensorFile}), so files and tensors beyond 2 GB work and reading never holds more than one chunk.
 */
final class SafetensorsFile implements TensorFile {
    /** safetensors refuses headers above 100 MB; so do we, before allocating one. */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    /** The most stored bytes one chunk spans (further bounded by {@link ReadBuffers#MAX_CHUNK_ELEMENTS}). */
    private static final long WINDOW_BYTES = 1L << 30;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final long windowBytes;

    /** One header entry, already checked against the file. */
    private record Entry(String name, StoredType type, long[] shape, long begin, long end) {
    }

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, Entry> entries,
                            long windowBytes) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.windowBytes = windowBytes;
    }

    /**
     * Opens and validates a safetensors file: its header must fit the file, and every tensor's byte range must lie in
     * the data section and match its shape and dtype.
     *
     * @param file the file
     * @return the opened file
     * @throws IOException naming the file and the problem
     */
    static SafetensorsFile open(Path file) throws IOException {
        return open(file, WINDOW_BYTES);
    }

    /**
     * @param file the file
     * @param windowBytes the most stored bytes read as one chunk (tests use small ones)
     * @return the opened file
     * @throws IOException naming the file and the problem
     */
    static SafetensorsFile open(Path file, long windowBytes) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (IOException e) {
            throw IoErrors.naming(file, "cannot read", e);
        }
        try {
            long size = channel.size();
            if (size < 8) {
                throw new IOException(file + ": truncated safetensors file (" + size
                        + " bytes; it must start with an 8-byte header length)");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0, file);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw new IOException(file + ": header length " + Long.toUnsignedString(headerLength)
                        + " is not plausible; this is not a safetensors file");
            }
            if (8 + headerLength > size) {
                throw new IOException(file + ": truncated safetensors file: its header needs " + headerLength
                        + " bytes but the file has " + (size - 8) + " after the length");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8, file);
            long dataStart = 8 + headerLength;
            Map<String, Entry> entries = parseHeader(file, new String(header.array(), StandardCharsets.UTF_8),
                    size - dataStart);
            return new SafetensorsFile(file, channel, dataStart, entries, windowBytes);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer target, long position, Path file)
            throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int n = channel.read(target, at);
            if (n < 0) {
                throw new IOException(file + ": unexpected end of file at byte " + at);
            }
            at += n;
        }
        target.flip();
    }

    private static Map<String, Entry> parseHeader(Path file, String json, long dataBytes) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": safetensors header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": safetensors header is not a JSON object");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals("__metadata__")) {
                continue;
            }
            Entry entry = parseEntry(file, field.getKey(), field.getValue(), dataBytes);
            entries.put(entry.name(), entry);
        }
        return Collections.unmodifiableMap(entries);
    }

    private static Entry parseEntry(Path file, String name, JsonNode node, long dataBytes) throws IOException {
        String where = file + ": tensor '" + name + "'";
        JsonNode dtype = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shapeNode == null || !shapeNode.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException(where + ": header entry needs dtype, shape and data_offsets [begin, end]");
        }
        StoredType type = StoredType.ofSafetensors(dtype.textValue()).orElseThrow(
                () -> new IOException(where + ": unknown dtype '" + dtype.textValue() + "'"));
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || d.longValue() < 0) {
                throw new IOException(where + ": shape " + shapeNode + " has an invalid dimension");
            }
            shape[i] = d.longValue();
        }
        if (!offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()) {
            throw new IOException(where + ": data_offsets " + offsets + " are not integers");
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (begin < 0 || end < begin) {
            throw new IOException(where + ": data_offsets " + offsets + " are not an ordered byte range");
        }
        if (end > dataBytes) {
            throw new IOException(where + ": data_offsets " + offsets + " lie outside the file (its data section has "
                    + dataBytes + " bytes); the file is truncated or corrupt");
        }
        long expected;
        try {
            expected = Math.multiplyExact(FloatBuffers.elementCount(shape), type.byteSize());
        } catch (ArithmeticException e) {
            throw new IOException(where + ": shape " + Arrays.toString(shape) + " overflows", e);
        }
        if (expected != end - begin) {
            throw new IOException(where + ": shape " + Arrays.toString(shape) + " of " + type + " needs " + expected
                    + " bytes but data_offsets " + offsets + " span " + (end - begin));
        }
        return new Entry(name, type, shape, begin, end);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Set<String> storedNames() {
        return entries.keySet();
    }

    @Override
    public long[] shape(String storedName) {
        return entries.get(storedName).shape().clone();
    }

    @Override
    public StoredType storedType(String storedName) {
        return entries.get(storedName).type();
    }

    @Override
    public void stream(String storedName, ReadBuffers buffers, TensorChunks sink) throws IOException {
        Entry e = entries.get(storedName);
        if (e == null) {
            throw new IOException(file + ": no tensor '" + storedName + "'");
        }
        if (!e.type().floating()) {
            throw new IOException(file + ": tensor '" + storedName + "' stores " + e.type()
                    + ", which is not a floating type");
        }
        int size = e.type().byteSize();
        long count = (e.end() - e.begin()) / size;
        int chunk = ReadBuffers.chunkElements(e.type(), windowBytes);
        for (long done = 0; done < count; done += chunk) {
            int n = (int) Math.min(chunk, count - done);
            ByteBuffer stored = buffers.stored(n * size);
            readFully(channel, stored, dataStart + e.begin() + done * size, file);
            buffers.emit(e.type(), stored, done, sink);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
