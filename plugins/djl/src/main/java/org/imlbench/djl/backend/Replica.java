package org.imlbench.djl.backend;

import ai.djl.Device;
import java.io.IOException;
import org.imlbench.djl.inference.Generator;
import org.imlbench.djl.inference.PromptScorer;
import org.imlbench.djl.inference.Scorer;
import org.imlbench.djl.model.OptModel;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.tokenizer.Tokenizer;

/** One copy of the model on one device, with its scorers and generator. */
record Replica(OptModel model, Scorer scorer, PromptScorer promptScorer, Generator generator)
        implements AutoCloseable {
    static Replica load(Checkpoint checkpoint, Device device, Tokenizer tokenizer, BackendOptions options)
            throws IOException {
        OptModel model = OptModel.load(checkpoint, device, options.dtype());
        return new Replica(model, new Scorer(model, options.batchSize(), tokenizer.padId()),
                new PromptScorer(model, options.batchSize(), tokenizer.padId()),
                new Generator(model, tokenizer, options.batchSize(), true,
                        device.isGpu() ? options.threads() : options.decodeThreads()));
    }

    @Override
    public void close() {
        model.close();
    }
}
