package org.imlbench.hf.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** One weights file of a checkpoint (a safetensors file or a torch.save archive) whose tensors are read on demand. */
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
     * @param canonicalName the name to give the result
     * @return the tensor widened to float32
     * @throws IOException when the tensor cannot be read; the message names the file
     */
    TensorData read(String storedName, String canonicalName) throws IOException;
}
