package org.imlbench.harness.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Instance;
import org.imlbench.files.FileTrees;

/**
 * Every instance of the loaded tasks, on disk: appended in load order while the task sources are read, then read back
 * by record number. At OPT-IML Bench scale (18 million instances) the instances cannot stay in memory; the harness
 * keeps only what its splits need there, and reads the rest (training instances, demonstration pools) from here.
 *
 * <p>The store lives in a folder of its own (by default a new temporary folder), deleted by {@link #close()} and,
 * should the JVM end first, by a shutdown hook.
 */
public final class InstanceStore implements AutoCloseable {
    /** Below one wanted record in this many, records are read one by one rather than as a run. */
    private static final int SPARSE = 8;

    private final Path dir;
    private final Path dataFile;
    private final Path indexFile;
    private final Thread cleanup;
    private RecordFile.Writer writer;
    private RecordFile reader;

    private InstanceStore(Path dir) throws IOException {
        this.dir = dir;
        this.dataFile = dir.resolve("instances.bin");
        this.indexFile = dir.resolve("instances.idx");
        this.writer = new RecordFile.Writer(dataFile, indexFile, false);
        this.cleanup = new Thread(() -> delete(dir), "imlbench-instance-store-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Creates an empty store in a new temporary folder (under {@code java.io.tmpdir}).
     *
     * @return the store, ready for {@link #append}
     * @throws IOException when the folder cannot be created
     */
    public static InstanceStore createTemporary() throws IOException {
        return new InstanceStore(Files.createTempDirectory("imlbench-instances-"));
    }

    /** @return the store's folder */
    public Path dir() {
        return dir;
    }

    /**
     * Some instances encoded as records, ready to {@link #append}: encoding is most of the work of storing, and can
     * be done on any thread. A record starts with its instance's id, then its input, each encoded as
     * {@link #encodeText} encodes a text, so their spans can be hashed without encoding them again.
     *
     * @param bytes the records, one after the other
     * @param ends where each record ends in {@code bytes} (so record {@code i} starts at {@code ends[i - 1]}, or 0)
     * @param idEnds where each record's encoded id ends (its input starts there)
     * @param inputEnds where each record's encoded input ends
     */
    public record Encoded(byte[] bytes, int[] ends, int[] idEnds, int[] inputEnds) {
        /**
         * @param record a record's position
         * @return where it starts
         */
        public int start(int record) {
            return record == 0 ? 0 : ends[record - 1];
        }
    }

    /**
     * @param text any text
     * @return its encoding in a record: the bytes {@link Encoded} holds for an instance's id or input
     */
    public static byte[] encodeText(String text) {
        ByteSink sink = new ByteSink();
        sink.string(text);
        return Arrays.copyOf(sink.array(), sink.size());
    }

    /**
     * @param instances instances
     * @return them encoded
     */
    public static Encoded encode(List<Instance> instances) {
        ByteSink sink = new ByteSink();
        int[] ends = new int[instances.size()];
        int[] idEnds = new int[ends.length];
        int[] inputEnds = new int[ends.length];
        for (int i = 0; i < ends.length; i++) {
            Instance instance = instances.get(i);
            sink.string(instance.id());
            idEnds[i] = sink.size();
            sink.string(instance.input());
            inputEnds[i] = sink.size();
            strings(sink, instance.references());
            strings(sink, instance.options());
            sink.varint(instance.attributes().size());
            for (Map.Entry<String, String> attribute : instance.attributes().entrySet()) {
                sink.string(attribute.getKey());
                sink.string(attribute.getValue());
            }
            ends[i] = sink.size();
        }
        return new Encoded(Arrays.copyOf(sink.array(), sink.size()), ends, idEnds, inputEnds);
    }

    private static void strings(ByteSink sink, List<String> values) {
        sink.varint(values.size());
        values.forEach(sink::string);
    }

    /**
     * @param encoded the next instances
     * @return the record number of the first of them
     * @throws IOException when writing fails
     * @throws IllegalStateException after {@link #seal()}
     */
    public long append(Encoded encoded) throws IOException {
        if (writer == null) {
            throw new IllegalStateException("the instance store is sealed");
        }
        long first = writer.count();
        int from = 0;
        for (int end : encoded.ends()) {
            writer.append(encoded.bytes(), from, end);
            from = end;
        }
        return first;
    }

    /** @return how many instances were appended */
    public long count() {
        return writer != null ? writer.count() : reader.count();
    }

    /** @return how many bytes the instances take on disk */
    public long bytes() {
        return writer != null ? writer.position() : reader.bytes();
    }

    /**
     * Ends appending and opens the store for reading.
     *
     * @throws IOException when the last writes fail
     */
    public void seal() throws IOException {
        if (writer == null) {
            return;
        }
        writer.close();
        writer = null;
        reader = RecordFile.open(dataFile, indexFile);
    }

    /**
     * @param record a record number
     * @return that instance
     * @throws UncheckedIOException when the store cannot be read
     */
    public Instance read(long record) {
        byte[] bytes = sealed().read(record);
        try {
            return decode(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(dataFile + ": record " + record + " is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads some of the instances of a run of records, in order.
     *
     * @param first the run's first record
     * @param count how many records the run has
     * @param indices the sorted positions within the run to read, or null for all
     * @return the instances
     * @throws UncheckedIOException when the store cannot be read
     */
    public List<Instance> read(long first, int count, int[] indices) {
        List<Instance> out = new ArrayList<>(indices == null ? count : indices.length);
        if (indices == null) {
            readRange(first, first + count, (record, bytes, from, to) -> out.add(decode(bytes, from, to)));
        } else if (indices.length > 0 && (long) indices.length * SPARSE < indices[indices.length - 1] - indices[0]) {
            // a few instances spread over a long run (a task's evaluated ones): one read each
            for (int index : indices) {
                out.add(read(first + index));
            }
        } else if (indices.length > 0) {
            int[] next = {0};
            readRange(first + indices[0], first + indices[indices.length - 1] + 1, (record, bytes, from, to) -> {
                if (next[0] < indices.length && record - first == indices[next[0]]) {
                    out.add(decode(bytes, from, to));
                    next[0]++;
                }
            });
        }
        return out;
    }

    private void readRange(long from, long to, RecordFile.Visitor visitor) {
        try {
            sealed().readRange(from, to, visitor);
        } catch (IOException e) {
            throw new UncheckedIOException(dataFile + ": a record is malformed: " + e.getMessage(), e);
        }
    }

    private RecordFile sealed() {
        if (reader == null) {
            throw new IllegalStateException("the instance store is still being written");
        }
        return reader;
    }

    private static Instance decode(byte[] bytes, int from, int to) throws IOException {
        ByteSource in = new ByteSource(bytes, from, to);
        String id = in.string();
        String input = in.string();
        List<String> references = strings(in);
        List<String> options = strings(in);
        int attributes = in.count();
        Map<String, String> map = attributes == 0 ? Map.of() : new LinkedHashMap<>();
        for (int i = 0; i < attributes; i++) {
            map.put(in.string(), in.string());
        }
        return new Instance(id, input, references, options, map);
    }

    private static List<String> strings(ByteSource in) throws IOException {
        int n = in.count();
        if (n == 0) {
            return List.of();
        }
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.string();
        }
        return List.of(values);
    }

    /** Closes the files and deletes the folder. */
    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close();
            }
            if (reader != null) {
                reader.close();
            }
        } catch (IOException e) {
            // the folder is deleted next; nothing in it is worth an error
        } finally {
            writer = null;
            reader = null;
            delete(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
        }
    }

    private static void delete(Path dir) {
        try {
            FileTrees.deleteTree(dir);
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a run for
        }
    }
}
