package org.imlbench.hf.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Set;

/**
 * An opened OPT checkpoint directory in Hugging Face layout.
 *
 * <p>Tensor names are canonical: Hugging Face {@code OPTModel} names without any {@code model.} prefix, e.g.
 * {@code decoder.embed_tokens.weight}, {@code decoder.embed_positions.weight},
 * {@code decoder.layers.0.self_attn.q_proj.weight}, {@code decoder.final_layer_norm.weight},
 * {@code decoder.project_in.weight}. A stored {@code lm_head.weight} is dropped: OPT ties it to
 * {@code decoder.embed_tokens.weight}.
 */
public interface Checkpoint extends AutoCloseable {
    /** @return the checkpoint's directory */
    Path directory();

    /** @return the parsed config.json */
    OptConfig config();

    /** @return the canonical names of every tensor */
    Set<String> tensorNames();

    /**
     * Reads one tensor, widened to float32.
     *
     * @param name a canonical name
     * @return the tensor
     * @throws IOException when it cannot be read; the message names the file and the problem
     */
    TensorData tensor(String name) throws IOException;

    /**
     * Streams one tensor's values, widened to float32, in bounded chunks: the way to hand a large tensor to an engine
     * without holding a second copy of it. The default reads the whole tensor and hands it over as one chunk.
     *
     * @param name a canonical name
     * @param sink receives the chunks in order
     * @throws IOException when the tensor cannot be read (the message names the file and the problem) or the sink
     *                     fails
     */
    default void stream(String name, TensorChunks sink) throws IOException {
        FloatBuffer values = tensor(name).data();
        ByteBuffer chunk = ByteBuffer.allocateDirect(values.remaining() * Float.BYTES)
                .order(ByteOrder.nativeOrder());
        chunk.asFloatBuffer().put(values.duplicate());
        sink.accept(0, chunk);
    }

    /**
     * A tensor's shape without reading (or converting) its values.
     *
     * @param name a canonical name
     * @return the shape, outermost first
     * @throws IOException when there is no such tensor
     */
    default long[] shape(String name) throws IOException {
        return tensor(name).shape();
    }

    /** Releases mapped files. */
    @Override
    void close();
}
