package org.imlbench.hf.embedded;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.imlbench.hf.checkpoint.CheckpointWriter;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.hf.checkpoint.OptParameterNames;
import org.imlbench.hf.checkpoint.TensorData;

/**
 * Writes a freshly initialised checkpoint without building the model: one tensor at a time, so even an
 * OPT-125m-sized model needs only its largest tensor in memory. The values equal those of
 * {@link OptModel#random} with the same config and seed.
 */
public final class RandomCheckpoint {
    private RandomCheckpoint() {
    }

    /**
     * @param config the architecture
     * @param seed the seed
     * @param dir the checkpoint directory to create or replace
     * @param writer a writer for {@code config}, possibly carrying extra files (tokenizer)
     * @throws IOException when writing fails
     */
    public static void write(OptConfig config, long seed, Path dir, CheckpointWriter writer) throws IOException {
        var shapes = OptParameterNames.shapes(config);
        writer.write(dir, shapes, name -> new TensorData(name, shapes.get(name), "F32",
                FloatBuffer.wrap(RandomInit.values(config, name, shapes.get(name), seed))));
    }
}
