package org.imlbench.hf.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Allocation of float32 tensor buffers. */
final class FloatBuffers {
    private FloatBuffers() {
    }

    /**
     * Allocates room for {@code count} floats: a native-order direct buffer (which DJL can hand to the engine without
     * another copy) when it fits one ByteBuffer, else a heap buffer.
     *
     * @param count elements
     * @param what the tensor and file, for the error message
     * @return a buffer positioned at 0 with limit {@code count}
     * @throws IOException when the tensor has more elements than a Java buffer can hold
     */
    static FloatBuffer allocate(long count, String what) throws IOException {
        if (count * Float.BYTES <= Integer.MAX_VALUE) {
            return ByteBuffer.allocateDirect((int) (count * Float.BYTES)).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }
        if (count <= Integer.MAX_VALUE - 8) {
            return FloatBuffer.allocate((int) count);
        }
        throw new IOException(what + ": " + count + " elements exceed the largest Java buffer");
    }

    /**
     * @param shape a shape
     * @return the product of its dimensions
     */
    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
