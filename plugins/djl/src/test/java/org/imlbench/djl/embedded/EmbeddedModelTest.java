package org.imlbench.djl.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imlbench.djl.model.OptModel;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.embedded.EmbeddedModel;
import org.imlbench.hf.tokenizer.ByteTokenizer;
import org.imlbench.hf.tokenizer.Tokenizer;
import org.imlbench.hf.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded model is written through the checkpoint writer and read back like any checkpoint. */
class EmbeddedModelTest {
    @Test
    void writesAReadableCheckpointOncePerSeed(@TempDir Path root) throws Exception {
        Path dir = EmbeddedModel.ensure(root, 5);
        assertEquals(root.resolve("embedded-5"), dir);
        long written = Files.getLastModifiedTime(dir.resolve(Checkpoints.SAFETENSORS)).toMillis();
        assertEquals(dir, EmbeddedModel.ensure(root, 5));
        assertEquals(written, Files.getLastModifiedTime(dir.resolve(Checkpoints.SAFETENSORS)).toMillis(),
                "an existing embedded model is reused, not rewritten");
        Tokenizer tokenizer = Tokenizers.load(dir);
        assertInstanceOf(ByteTokenizer.class, tokenizer);
        try (Checkpoint cp = Checkpoints.open(dir);
             OptModel model = OptModel.load(cp, Device.cpu(), DataType.FLOAT32);
             OptModel fresh = OptModel.random(EmbeddedModel.config(), 5, Device.cpu());
             OptModel other = OptModel.random(EmbeddedModel.config(), 6, Device.cpu())) {
            assertEquals(EmbeddedModel.config(), model.config());
            String name = "decoder.layers.2.fc1.weight";
            assertEquals(fresh.parameters().get(name).getFloat(3, 7), model.parameters().get(name).getFloat(3, 7));
            assertNotEquals(other.parameters().get(name).getFloat(3, 7), model.parameters().get(name).getFloat(3, 7));
            assertEquals(tokenizer.vocabSize(), model.config().vocabSize());
        }
    }
}
