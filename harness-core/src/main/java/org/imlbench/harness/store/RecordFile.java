package org.imlbench.harness.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records of bytes in one append-only data file, with an index file of their offsets (one 64-bit offset per record,
 * then the end of the last), read back by record number with positional reads: any record in one read, however many
 * there are, and a run of consecutive records in large sequential reads. The index is memory-mapped, so it costs
 * page cache rather than heap. Reading is safe from several threads.
 */
final class RecordFile implements AutoCloseable {
    /** The largest run of records read at once by {@link #readRange}. */
    private static final int CHUNK = 4 << 20;

    private final Path data;
    private final FileChannel channel;
    private final LongBuffer offsets;
    private final long count;

    private RecordFile(Path data, FileChannel channel, LongBuffer offsets, long count) {
        this.data = data;
        this.channel = channel;
        this.offsets = offsets;
        this.count = count;
    }

    /**
     * Opens a finished file.
     *
     * @param data the data file
     * @param index its index file
     * @return the reader
     * @throws IOException when the files cannot be opened or do not belong together
     */
    static RecordFile open(Path data, Path index) throws IOException {
        FileChannel channel = FileChannel.open(data, StandardOpenOption.READ);
        try (FileChannel indexChannel = FileChannel.open(index, StandardOpenOption.READ)) {
            long indexSize = indexChannel.size();
            if (indexSize < Long.BYTES || indexSize % Long.BYTES != 0 || indexSize > Integer.MAX_VALUE) {
                throw new IOException(index + ": not a record index (" + indexSize + " bytes)");
            }
            MappedByteBuffer mapped = indexChannel.map(FileChannel.MapMode.READ_ONLY, 0, indexSize);
            LongBuffer offsets = mapped.asLongBuffer();
            long count = offsets.limit() - 1L;
            if (offsets.get((int) count) != channel.size()) {
                throw new IOException(data + ": holds " + channel.size() + " bytes, its index ends at "
                        + offsets.get((int) count));
            }
            return new RecordFile(data, channel, offsets, count);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return how many records there are */
    long count() {
        return count;
    }

    /** @return the size of the data file */
    long bytes() {
        return offsets.get((int) count);
    }

    /**
     * @param record a record number
     * @return its bytes
     * @throws UncheckedIOException when the file cannot be read
     */
    byte[] read(long record) {
        check(record, record + 1);
        long from = offsets.get((int) record);
        long to = offsets.get((int) record + 1);
        byte[] bytes = new byte[Math.toIntExact(to - from)];
        fill(ByteBuffer.wrap(bytes), from);
        return bytes;
    }

    /** Receives records read in order. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param record the record number
         * @param bytes an array holding it
         * @param from where it starts
         * @param to where it ends
         * @throws IOException when the record is malformed
         */
        void visit(long record, byte[] bytes, int from, int to) throws IOException;
    }

    /**
     * Reads records {@code [from, to)} in order, in reads of a few megabytes.
     *
     * @param from the first record
     * @param to the record after the last
     * @param visitor receives each
     * @throws IOException when the visitor fails
     * @throws UncheckedIOException when the file cannot be read
     */
    void readRange(long from, long to, Visitor visitor) throws IOException {
        check(from, to);
        long record = from;
        byte[] buffer = new byte[0];
        while (record < to) {
            long start = offsets.get((int) record);
            long last = record + 1;
            while (last < to && offsets.get((int) last + 1) - start <= CHUNK) {
                last++;
            }
            int length = Math.toIntExact(offsets.get((int) last) - start);
            if (buffer.length < length) {
                buffer = new byte[Math.max(length, Math.min(CHUNK, 2 * buffer.length))];
            }
            fill(ByteBuffer.wrap(buffer, 0, length), start);
            for (long r = record; r < last; r++) {
                visitor.visit(r, buffer, (int) (offsets.get((int) r) - start),
                        (int) (offsets.get((int) r + 1) - start));
            }
            record = last;
        }
    }

    private void check(long from, long to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException("records [" + from + ", " + to + ") of " + count + " in " + data);
        }
    }

    private void fill(ByteBuffer buffer, long position) {
        try {
            long at = position;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at);
                if (n < 0) {
                    throw new IOException("ends early at byte " + at);
                }
                at += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(data + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Appends records; {@link #close()} writes the last offset and makes the files readable with {@link #open}. */
    static final class Writer implements AutoCloseable {
        private static final int BUFFER = 1 << 20;

        private final Path data;
        private final FileChannel dataChannel;
        private final FileChannel indexChannel;
        private final ByteBuffer dataBuffer = ByteBuffer.allocate(BUFFER);
        private final ByteBuffer indexBuffer = ByteBuffer.allocate(1 << 16);
        private final boolean durable;
        private long position;
        private long count;
        private boolean closed;

        /**
         * @param data the data file to create (replacing any)
         * @param index the index file to create (replacing any)
         * @param durable whether {@link #close()} forces both files to disk (for files that outlive the process)
         * @throws IOException when they cannot be created
         */
        Writer(Path data, Path index, boolean durable) throws IOException {
            this.data = data;
            this.durable = durable;
            this.dataChannel = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            this.indexChannel = FileChannel.open(index, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }

        /** @return how many records were appended */
        long count() {
            return count;
        }

        /** @return how many bytes were appended */
        long position() {
            return position;
        }

        /**
         * @param bytes an array holding the record
         * @param length its length, from the start of the array
         * @return the record's number
         * @throws IOException when writing fails
         */
        long append(byte[] bytes, int length) throws IOException {
            return append(bytes, 0, length);
        }

        /**
         * @param bytes an array holding the record
         * @param from where it starts
         * @param to where it ends
         * @return the record's number
         * @throws IOException when writing fails
         */
        long append(byte[] bytes, int from, int to) throws IOException {
            int length = to - from;
            offset(position);
            if (length > dataBuffer.remaining()) {
                flushData();
            }
            if (length > dataBuffer.capacity()) {
                write(dataChannel, ByteBuffer.wrap(bytes, from, length));
            } else {
                dataBuffer.put(bytes, from, length);
            }
            position += length;
            return count++;
        }

        private void offset(long value) throws IOException {
            if (indexBuffer.remaining() < Long.BYTES) {
                indexBuffer.flip();
                write(indexChannel, indexBuffer);
                indexBuffer.clear();
            }
            indexBuffer.putLong(value);
        }

        private void flushData() throws IOException {
            dataBuffer.flip();
            write(dataChannel, dataBuffer);
            dataBuffer.clear();
        }

        private static void write(FileChannel channel, ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        /**
         * Writes what is buffered and the final offset, then closes the files.
         *
         * @throws IOException when writing fails; the message names the data file
         */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (dataChannel; indexChannel) {
                flushData();
                offset(position);
                indexBuffer.flip();
                write(indexChannel, indexBuffer);
                if (durable) {
                    dataChannel.force(true);
                    indexChannel.force(true);
                }
            } catch (IOException e) {
                throw new IOException(data + ": cannot write: " + e.getMessage(), e);
            }
        }
    }
}
