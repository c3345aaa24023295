package org.imlbench.harness.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imlbench.api.TrainingExample;
import org.imlbench.api.TrainingExamples;
import org.imlbench.files.AtomicFiles;

/**
 * Rendered training examples on disk, the {@link TrainingExamples} handed to a backend: {@code examples.bin} (each
 * example's source and target), {@code examples.idx} (their offsets) and {@code examples.json} (the tasks in order
 * with their counts, and the fingerprint), which is written last, atomically, after the other two are forced to disk:
 * a folder with {@code examples.json} holds complete examples, so a resumed run reuses it and an interrupted one
 * rewrites it. Examples are read one at a time, by (task, index), from any thread.
 */
public final class TrainingExampleStore implements TrainingExamples, AutoCloseable {
    /** The file that marks a complete store. */
    public static final String INDEX = "examples.json";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contents of {@value #INDEX}. */
    record Index(int format, List<TaskExamples> tasks, long examples, long bytes, String fingerprint) {
    }

    private final RecordFile records;
    private final List<TaskExamples> tasks;
    private final long[] firstRecord;
    private final String fingerprint;

    private TrainingExampleStore(RecordFile records, Index index) {
        this.records = records;
        this.tasks = List.copyOf(index.tasks());
        this.firstRecord = new long[tasks.size()];
        long at = 0;
        for (int i = 0; i < tasks.size(); i++) {
            firstRecord[i] = at;
            at += tasks.get(i).count();
        }
        this.fingerprint = index.fingerprint();
    }

    /**
     * Opens the complete store in a folder, if there is one.
     *
     * @param dir the folder
     * @return the store, or empty when the folder holds none or an incomplete one
     */
    public static Optional<TrainingExampleStore> openIfComplete(Path dir) {
        Path indexFile = dir.resolve(INDEX);
        if (!Files.isRegularFile(indexFile)) {
            return Optional.empty();
        }
        try {
            Index index = JSON.readValue(indexFile.toFile(), Index.class);
            if (index.format() != FORMAT || index.tasks() == null || index.tasks().isEmpty()) {
                return Optional.empty();
            }
            RecordFile records = RecordFile.open(dir.resolve("examples.bin"), dir.resolve("examples.idx"));
            long expected = index.tasks().stream().mapToLong(TaskExamples::count).sum();
            if (records.count() != expected || records.count() != index.examples()
                    || records.bytes() != index.bytes()) {
                records.close();
                return Optional.empty();
            }
            return Optional.of(new TrainingExampleStore(records, index));
        } catch (IOException | RuntimeException e) {
            // unreadable or inconsistent: the caller writes the store again
            return Optional.empty();
        }
    }

    /**
     * Starts writing a store into a folder, replacing whatever it holds.
     *
     * @param dir the folder (created if needed)
     * @return the writer
     * @throws IOException when the folder cannot be prepared
     */
    public static Writer create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(INDEX));
        return new Writer(dir);
    }

    @Override
    public List<TaskExamples> tasks() {
        return tasks;
    }

    @Override
    public TrainingExample get(int task, int index) throws IOException {
        TaskExamples t = tasks.get(task);
        if (index < 0 || index >= t.count()) {
            throw new IndexOutOfBoundsException("example " + index + " of task " + t.taskId() + ", which has "
                    + t.count());
        }
        byte[] bytes;
        try {
            bytes = records.read(firstRecord[task] + index);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        ByteSource in = new ByteSource(bytes, 0, bytes.length);
        return new TrainingExample(t.taskId(), in.string(), in.string());
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public void close() throws IOException {
        records.close();
    }

    /** Appends examples task by task; {@link #finish()} makes the store complete. */
    public static final class Writer implements AutoCloseable {
        private final Path dir;
        private final RecordFile.Writer records;
        private final ByteSink sink = new ByteSink();
        private final Fingerprint digest = new Fingerprint();
        private final List<TaskExamples> tasks = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private String task;
        private int count;

        private Writer(Path dir) throws IOException {
            this.dir = dir;
            this.records = new RecordFile.Writer(dir.resolve("examples.bin"), dir.resolve("examples.idx"), true);
        }

        /**
         * @param example the next example; all of a task's examples come together
         * @throws IOException when writing fails
         * @throws IllegalArgumentException when a task's examples are not contiguous
         */
        public void add(TrainingExample example) throws IOException {
            if (!example.taskId().equals(task)) {
                endTask();
                if (!seen.add(example.taskId())) {
                    throw new IllegalArgumentException("the examples of task " + example.taskId()
                            + " are not contiguous");
                }
                task = example.taskId();
            }
            sink.reset();
            sink.string(example.source());
            sink.string(example.target());
            records.append(sink.array(), sink.size());
            digest.add(example);
            count++;
        }

        private void endTask() {
            if (task != null) {
                tasks.add(new TaskExamples(task, count));
            }
            task = null;
            count = 0;
        }

        /**
         * Forces the examples to disk, writes {@value #INDEX} and opens the store.
         *
         * @return the complete store
         * @throws IOException when writing fails
         * @throws IllegalStateException when no example was added
         */
        public TrainingExampleStore finish() throws IOException {
            endTask();
            if (tasks.isEmpty()) {
                throw new IllegalStateException("no training examples");
            }
            long bytes = records.position();
            long examples = records.count();
            records.close();
            Index index = new Index(FORMAT, tasks, examples, bytes, digest.hex());
            try {
                AtomicFiles.writeString(dir.resolve(INDEX), JSON.writeValueAsString(index));
            } catch (JacksonException e) {
                throw new IllegalStateException("cannot encode the example index", e);
            }
            return openIfComplete(dir).orElseThrow(() -> new IOException(dir + ": the examples just written "
                    + "cannot be read back"));
        }

        /** Abandons an unfinished store (its folder keeps no {@value #INDEX}, so it is never read). */
        @Override
        public void close() throws IOException {
            records.close();
        }
    }
}
