package org.imlbench.djl.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.CheckpointWriter;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.hf.checkpoint.TensorData;

/**
 * Saves and reads float32 arrays keyed by parameter name (optimizer moments, float32 master weights) as checkpoint
 * directories of the model's own layout, so they are written atomically by {@link CheckpointWriter}, validated by
 * {@link Checkpoints#open} and readable by any safetensors tool.
 */
final class ParameterFiles {
    private ParameterFiles() {
    }

    /**
     * @param dir the directory to create
     * @param config the model's config
     * @param arrays float32 arrays by canonical parameter name
     * @throws IOException when writing fails
     */
    static void write(Path dir, OptConfig config, Map<String, NDArray> arrays) throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        arrays.forEach((name, a) -> shapes.put(name, a.getShape().getShape()));
        new CheckpointWriter(config).write(dir, shapes, name -> {
            NDArray a = arrays.get(name);
            float[] values;
            if (a.getDataType() == DataType.FLOAT32) {
                values = a.toFloatArray();
            } else {
                try (NDArray wide = a.toType(DataType.FLOAT32, true)) {
                    values = wide.toFloatArray();
                }
            }
            return new TensorData(name, a.getShape().getShape(), "F32", FloatBuffer.wrap(values));
        });
    }

    /**
     * @param dir a directory written by {@link #write}
     * @param names the names to read
     * @return the values by name
     * @throws IOException when a name is missing or the files are unreadable
     */
    static Map<String, float[]> read(Path dir, Iterable<String> names) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (Checkpoint checkpoint = Checkpoints.open(dir)) {
            for (String name : names) {
                if (!checkpoint.tensorNames().contains(name)) {
                    throw new IOException(dir + ": saved state lacks '" + name + "'");
                }
                FloatBuffer data = checkpoint.tensor(name).data().duplicate();
                data.rewind();
                float[] values = new float[data.remaining()];
                data.get(values);
                out.put(name, values);
            }
        }
        return out;
    }
}
