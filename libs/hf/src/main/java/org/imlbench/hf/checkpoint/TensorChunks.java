package org.imlbench.hf.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives a tensor's values as float32, in row-major order, one bounded chunk at a time ({@link Checkpoint#stream}),
 * so that a tensor reaches an engine without a whole-tensor copy in Java memory.
 */
@FunctionalInterface
public interface TensorChunks {
    /**
     * @param offset the index of the chunk's first element in the tensor
     * @param float32 the values as float32 in native byte order: a direct buffer positioned at 0 whose limit is
     *                four times the chunk's element count. It is reused for the next chunk: copy the values during
     *                the call and keep no reference to the buffer
     * @throws IOException when the receiver fails
     */
    void accept(long offset, ByteBuffer float32) throws IOException;
}
