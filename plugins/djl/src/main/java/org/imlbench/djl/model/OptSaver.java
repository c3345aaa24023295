package org.imlbench.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imlbench.hf.checkpoint.CheckpointWriter;
import org.imlbench.hf.checkpoint.TensorData;

/** Writes an {@link OptModel} through the checkpoint layer's {@link CheckpointWriter}, one tensor at a time. */
final class OptSaver {
    private OptSaver() {
    }

    static void save(OptModel model, Path dir, CheckpointWriter writer) throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            shapes.put(e.getKey(), e.getValue().getShape().getShape());
        }
        writer.write(dir, shapes, name -> {
            NDArray a = model.parameters().get(name);
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
}
