package org.imlbench.hf.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imlbench.hf.checkpoint.CheckpointWriter;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.hf.tokenizer.ByteTokenizer;

/**
 * The embedded default model ({@code --model embedded}): an OPT-architecture model small enough to instruction-tune
 * on two CPU cores in minutes, with the project's byte-level tokenizer. It is initialised from a seed and written
 * as a Hugging Face checkpoint directory, then read back through {@link Checkpoints#open} like any real model, so the
 * embedded path exercises the same code.
 */
public final class EmbeddedModel {
    /** The model name that selects it. */
    public static final String NAME = "embedded";
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 0;

    private EmbeddedModel() {
    }

    /**
     * The architecture: hidden 128, 4 layers of 4 heads, FFN 512, 512 positions, the byte tokenizer's 260 ids.
     *
     * @return the config
     */
    public static OptConfig config() {
        return new OptConfig(ByteTokenizer.VOCAB_SIZE, 128, 4, 4, 512, 512, 128, true, "relu", 0.1, 0.0, true, true,
                1, 2, 2, "float32");
    }

    /**
     * The directory of the embedded model for a seed under a cache root, writing it first when absent.
     *
     * @param cacheRoot e.g. {@code .imlbench/models}
     * @param seed the initialisation seed
     * @return the checkpoint directory {@code cacheRoot/embedded-<seed>}
     * @throws IOException when it cannot be written
     */
    public static Path ensure(Path cacheRoot, long seed) throws IOException {
        Path dir = cacheRoot.resolve(NAME + "-" + seed);
        if (Files.isRegularFile(dir.resolve("config.json")) && Files.isRegularFile(dir.resolve(ByteTokenizer.FILE_NAME))
                && Files.isRegularFile(dir.resolve(Checkpoints.SAFETENSORS))) {
            return dir;
        }
        Files.createDirectories(cacheRoot);
        RandomCheckpoint.write(config(), seed, dir,
                new CheckpointWriter(config()).withTextFile(ByteTokenizer.FILE_NAME, ByteTokenizer.FILE_CONTENT));
        return dir;
    }

    /**
     * The default cache root: {@code .imlbench/models} in the working directory when writable, else in the temporary
     * directory.
     *
     * @return the root
     */
    public static Path defaultCacheRoot() {
        Path local = Path.of(System.getProperty("user.dir"), ".imlbench", "models");
        try {
            Files.createDirectories(local);
            if (Files.isWritable(local)) {
                return local;
            }
        } catch (IOException | SecurityException e) {
            // fall through to the temporary directory
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "imlbench-models");
    }
}
