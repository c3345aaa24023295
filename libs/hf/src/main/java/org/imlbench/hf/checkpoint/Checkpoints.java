package org.imlbench.hf.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens OPT checkpoints in Hugging Face layout: {@code config.json} plus, in order of preference,
 * {@code model.safetensors.index.json} with its shards, {@code model.safetensors},
 * {@code pytorch_model.bin.index.json} with its shards, or {@code pytorch_model.bin}.
 */
public final class Checkpoints {
    /** A single safetensors weights file. */
    public static final String SAFETENSORS = "model.safetensors";
    /** The index of sharded safetensors weights. */
    public static final String SAFETENSORS_INDEX = "model.safetensors.index.json";
    /** A single torch.save weights file. */
    public static final String PYTORCH_BIN = "pytorch_model.bin";
    /** The index of sharded torch.save weights. */
    public static final String PYTORCH_BIN_INDEX = "pytorch_model.bin.index.json";

    /** The weight files looked for, most preferred first. */
    public static final List<String> WEIGHT_FILES = List.of(SAFETENSORS_INDEX, SAFETENSORS, PYTORCH_BIN_INDEX,
            PYTORCH_BIN);

    private Checkpoints() {
    }

    /**
     * Opens a checkpoint directory. Files are validated on opening (headers, byte ranges, shards present);
     * tensors are read on demand.
     *
     * @param dir the directory
     * @return the checkpoint; close it when done
     * @throws IOException naming the file and the problem when the directory is not a readable OPT checkpoint
     */
    public static Checkpoint open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory");
        }
        OptConfig config = OptConfigs.read(dir.resolve(OptConfigs.FILE_NAME));
        String layout = weightsFile(dir).orElseThrow(() -> new IOException(dir + ": no weights found (looked for "
                + String.join(", ", WEIGHT_FILES) + ")"));
        List<TensorFile> files = new ArrayList<>();
        try {
            switch (layout) {
                case SAFETENSORS_INDEX -> {
                    ShardIndex index = ShardIndex.read(dir.resolve(layout));
                    for (String shard : index.shardNames()) {
                        files.add(SafetensorsFile.open(dir.resolve(shard)));
                    }
                    checkIndexAgainstShards(index, files);
                }
                case SAFETENSORS -> files.add(SafetensorsFile.open(dir.resolve(layout)));
                case PYTORCH_BIN_INDEX -> {
                    ShardIndex index = ShardIndex.read(dir.resolve(layout));
                    for (String shard : index.shardNames()) {
                        files.add(PytorchBinFile.open(dir.resolve(shard)));
                    }
                    checkIndexAgainstShards(index, files);
                }
                default -> files.add(PytorchBinFile.open(dir.resolve(layout)));
            }
            return new OpenedCheckpoint(dir, config, locate(files), files);
        } catch (IOException | RuntimeException e) {
            for (TensorFile f : files) {
                f.close();
            }
            throw e;
        }
    }

    /**
     * @param dir a directory
     * @return the weights file (or index) {@link #open} would use, if any
     */
    public static Optional<String> weightsFile(Path dir) {
        return WEIGHT_FILES.stream().filter(name -> Files.isRegularFile(dir.resolve(name))).findFirst();
    }

    private static void checkIndexAgainstShards(ShardIndex index, List<TensorFile> files) throws IOException {
        Map<String, TensorFile> byName = new LinkedHashMap<>();
        for (TensorFile f : files) {
            byName.put(f.file().getFileName().toString(), f);
        }
        for (Map.Entry<String, String> e : index.weightMap().entrySet()) {
            TensorFile shard = byName.get(e.getValue());
            if (!shard.storedNames().contains(e.getKey())) {
                throw new IOException(index.file() + ": tensor '" + e.getKey() + "' is mapped to shard '"
                        + e.getValue() + "', which does not contain it");
            }
        }
    }

    private static Map<String, OpenedCheckpoint.Location> locate(List<TensorFile> files) throws IOException {
        Map<String, OpenedCheckpoint.Location> locations = new LinkedHashMap<>();
        for (TensorFile file : files) {
            for (String stored : file.storedNames()) {
                Optional<String> canonical = TensorNames.canonical(stored);
                if (canonical.isEmpty()) {
                    continue;
                }
                OpenedCheckpoint.Location previous = locations.put(canonical.get(),
                        new OpenedCheckpoint.Location(file, stored));
                if (previous != null) {
                    throw new IOException(file.file() + ": tensor '" + stored + "' duplicates '"
                            + previous.storedName() + "' in " + previous.file().file() + " (both are '"
                            + canonical.get() + "')");
                }
            }
        }
        return locations;
    }
}
