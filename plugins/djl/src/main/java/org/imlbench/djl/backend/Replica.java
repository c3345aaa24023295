package org.imlbench.djl.backend;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.imlbench.djl.checkpoint.Checkpoint;
import org.imlbench.djl.inference.Generator;
import org.imlbench.djl.inference.Scorer;
import org.imlbench.djl.model.OptModel;
import org.imlbench.djl.tokenizer.Tokenizer;

import java.io.IOException;

/** One copy of the model on one device, with its scorer and generator. */
record Replica(OptModel model, Scorer scorer, Generator generator) implements AutoCloseable {
    static Replica load(Checkpoint checkpoint, Device device, DataType dtype, Tokenizer tokenizer, int batchSize)
            throws IOException {
        OptModel model = OptModel.load(checkpoint, device, dtype);
        return new Replica(model, new Scorer(model, batchSize, tokenizer.padId()),
                new Generator(model, tokenizer, batchSize, true));
    }

    @Override
    public void close() {
        model.close();
    }
}
