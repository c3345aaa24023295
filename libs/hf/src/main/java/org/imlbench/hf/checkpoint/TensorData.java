package org.imlbench.hf.checkpoint;

import java.nio.FloatBuffer;

/**
 * One tensor of a checkpoint, widened to float32 whatever its stored type (DJL's PyTorch engine aborts the JVM on
 * bf16 arrays, so bf16 never reaches it).
 *
 * @param name the canonical name (see {@link Checkpoint})
 * @param shape the shape, outermost first
 * @param storedType the type the file stores, e.g. "F32", "F16", "BF16"
 * @param data row-major float32 values, {@code product(shape)} of them, positioned at 0
 *             (possibly a read-only view of a memory-mapped file: copy it, never write to it)
 */
public record TensorData(String name, long[] shape, String storedType, FloatBuffer data) {
    /** @return the number of elements */
    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
