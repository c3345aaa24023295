package org.imlbench.hf.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Set;

/**
 * One weights file of a checkpoint (a safetensors file or a torch.save archive) whose tensors are read on demand.
 *
 * <p>Tensors are read with positional reads through small reused buffers, never memory-mapped: a mapped region's
 * pages count in the process's resident memory until the mapping is released, and Java 17 can release one only when
 * the garbage collector gets to it, so mapping a checkpoint doubled peak memory while loading it.
 */
interface TensorFile extends Closeable {
    /** @return the file */
    Path file();

    /** @return the tensor names as stored in the file */
    Set<String> storedNames();

    /**
     * @param storedName a name from {@link #storedNames()}
     * @return its shape, from the file's header (no data is read)
     */
    long[] shape(String storedName);

    /**
     * @param storedName a name from {@link #storedNames()}
     * @return the type the file stores it in
     */
    StoredType storedType(String storedName);

    /**
     * Streams a tensor's values, widened to float32, in chunks of at most {@link ReadBuffers#MAX_CHUNK_ELEMENTS}.
     *
     * @param storedName a name from {@link #storedNames()}
     * @param buffers the reused buffers the chunks pass through
     * @param sink receives the chunks in order
     * @throws IOException when the tensor cannot be read (the message names the file) or the sink fails
     */
    void stream(String storedName, ReadBuffers buffers, TensorChunks sink) throws IOException;

    /**
     * @param storedName a name from {@link #storedNames()}
     * @param canonicalName the name to give the result
     * @return the tensor widened to float32, in a buffer of its own
     * @throws IOException when the tensor cannot be read; the message names the file
     */
    default TensorData read(String storedName, String canonicalName) throws IOException {
        if (!storedNames().contains(storedName)) {
            throw new IOException(file() + ": no tensor '" + storedName + "'");
        }
        long[] shape = shape(storedName);
        String what = file() + ": tensor '" + storedName + "'";
        FloatBuffer data = FloatBuffers.allocate(FloatBuffers.elementCount(shape), what);
        stream(storedName, new ReadBuffers(), (offset, chunk) -> data.put(chunk.asFloatBuffer()));
        data.flip();
        return new TensorData(canonicalName, shape, storedType(storedName).name(), data);
    }
}
