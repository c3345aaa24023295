package org.imlbench.hf.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The two reusable direct buffers every tensor of a checkpoint streams through: the stored bytes of one chunk as
 * read from the file, and the same chunk widened to float32. They are allocated once per opened checkpoint (on first
 * use) and never grow beyond {@link #MAX_CHUNK_ELEMENTS} elements, which bounds the memory reading costs whatever
 * the size of the model.
 */
final class ReadBuffers {
    /** Elements per chunk: 4 Mi, i.e. 16 MiB of float32 (and at most 32 MiB of stored float64). */
    static final int MAX_CHUNK_ELEMENTS = 1 << 22;

    private ByteBuffer stored;
    private ByteBuffer widened;

    /**
     * @param bytes the chunk's stored size
     * @return a direct little-endian buffer with position 0 and limit {@code bytes}; its content is undefined
     */
    ByteBuffer stored(int bytes) {
        if (stored == null || stored.capacity() < bytes) {
            stored = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 16));
        }
        stored.clear().limit(bytes);
        return stored.order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param elements the chunk's element count
     * @return a direct native-order buffer with position 0 and limit {@code 4 * elements}
     */
    ByteBuffer widened(int elements) {
        int bytes = elements * Float.BYTES;
        if (widened == null || widened.capacity() < bytes) {
            widened = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 16));
        }
        widened.clear().limit(bytes);
        return widened.order(ByteOrder.nativeOrder());
    }

    /**
     * @param type the stored type
     * @param windowBytes the most stored bytes one chunk may span (tests use small windows)
     * @return elements per chunk for that type
     */
    static int chunkElements(StoredType type, long windowBytes) {
        return (int) Math.max(1, Math.min(MAX_CHUNK_ELEMENTS, windowBytes / type.byteSize()));
    }

    /**
     * Widens a chunk of stored elements to float32 and hands it over: float32 stored little-endian on a
     * little-endian machine is handed over as read, without a copy.
     *
     * @param type the stored type
     * @param stored the chunk as read, position 0, limit its size
     * @param offset the index of the chunk's first element in the tensor
     * @param sink the receiver
     * @throws IOException when the receiver fails
     */
    void emit(StoredType type, ByteBuffer stored, long offset, TensorChunks sink) throws IOException {
        int count = stored.remaining() / type.byteSize();
        if (type == StoredType.F32 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            sink.accept(offset, stored.order(ByteOrder.nativeOrder()));
            return;
        }
        ByteBuffer target = widened(count);
        type.widen(stored, target.asFloatBuffer(), count);
        sink.accept(offset, target);
    }
}
