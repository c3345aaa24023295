package org.imlbench.hf.checkpoint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.imlbench.testkit.ParserContract;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz targets for the checkpoint files a model directory or the hub hands over: safetensors (header and offsets),
 * {@code pytorch_model.bin} archives and the restricted unpickler inside them, {@code config.json} and shard indexes.
 * Each input must give a checkpoint whose every tensor reads, or an {@code IOException} naming the file; nothing else
 * escapes, and the heap allocated stays within the bound documented in docs/reliability.md.
 *
 * <p>Without {@code JAZZER_FUZZ} (as in {@code ./mvnw verify}) each target runs once on every committed input in
 * {@code src/test/resources/.../CheckpointFilesFuzzTestInputs/<target>/} and on the seeds below, made at test time
 * from the shared fixtures; {@code bench/fuzz.sh} fuzzes them.
 */
class CheckpointFilesFuzzTest {
    /** A valid config.json for the tensor files under test (the parsers do not compare shapes with it). */
    private static final String CONFIG = "{\"vocab_size\": 8, \"hidden_size\": 2, \"num_hidden_layers\": 1, "
            + "\"num_attention_heads\": 1, \"ffn_dim\": 4, \"max_position_embeddings\": 4}";

    @TempDir
    Path dir;

    @MethodSource("safetensorsSeeds")
    @FuzzTest
    @Timeout(60)
    void safetensors(byte[] input) throws IOException {
        checkpointWith(Checkpoints.SAFETENSORS, input);
    }

    @MethodSource("pytorchBinSeeds")
    @FuzzTest
    @Timeout(60)
    void pytorchBin(byte[] input) throws IOException {
        checkpointWith(Checkpoints.PYTORCH_BIN, input);
    }

    @MethodSource("pickleSeeds")
    @FuzzTest
    @Timeout(60)
    void unpickle(byte[] input) {
        ParserContract.of(IOException.class, "data.pkl").check(input.length, () -> RestrictedUnpickler.load("data.pkl",
                new TorchStateDictPolicy("data.pkl"), input));
    }

    @MethodSource("configSeeds")
    @FuzzTest
    @Timeout(60)
    void configJson(byte[] input) throws IOException {
        Path file = dir.resolve(OptConfigs.FILE_NAME);
        Files.write(file, input);
        ParserContract.of(IOException.class, file.toString()).check(input.length, () -> {
            OptConfig c = OptConfigs.read(file);
            // what the engines index with must be usable as read: positive sizes, ids inside the vocabulary
            boolean sizes = c.vocabSize() > 0 && c.hiddenSize() > 0 && c.numLayers() > 0 && c.numHeads() > 0
                    && c.hiddenSize() % c.numHeads() == 0 && c.ffnDim() > 0 && c.maxPositions() > 0
                    && c.wordEmbedProjDim() > 0;
            boolean ids = c.padTokenId() >= 0 && c.padTokenId() < c.vocabSize() && c.bosTokenId() >= 0
                    && c.bosTokenId() < c.vocabSize() && c.eosTokenId() >= 0 && c.eosTokenId() < c.vocabSize();
            if (!sizes || !ids || !(c.dropout() >= 0 && c.dropout() < 1)) {
                throw new AssertionError("accepted an unusable config: " + c);
            }
        });
    }

    @MethodSource("indexSeeds")
    @FuzzTest
    @Timeout(60)
    void shardIndex(byte[] input) throws IOException {
        Path file = dir.resolve(Checkpoints.SAFETENSORS_INDEX);
        Files.write(file, input);
        ParserContract.of(IOException.class, file.toString()).check(input.length, () -> ShardIndex.parse(file));
    }

    /** Writes the weights file beside a valid config, opens the checkpoint and reads every tensor. */
    private void checkpointWith(String weightsFile, byte[] input) throws IOException {
        Files.writeString(dir.resolve(OptConfigs.FILE_NAME), CONFIG);
        Path file = dir.resolve(weightsFile);
        Files.write(file, input);
        ParserContract.of(IOException.class, file.toString()).check(input.length, () -> {
            try (Checkpoint checkpoint = Checkpoints.open(dir)) {
                for (String name : checkpoint.tensorNames()) {
                    long[] shape = checkpoint.shape(name);
                    FloatBuffer data = checkpoint.tensor(name).data().duplicate();
                    long count = FloatBuffers.elementCount(shape);
                    if (data.remaining() != count) {
                        throw new AssertionError(name + ": " + data.remaining() + " values for " + count + " elements");
                    }
                    while (data.hasRemaining()) {
                        data.get();
                    }
                }
            }
        });
    }

    static List<byte[]> safetensorsSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(safetensors(Map.of("model.decoder.embed_tokens.weight", "F32", "model.decoder.final_layer_norm.bias",
                "BF16", "model.decoder.layers.0.fc1.weight", "F16")));
        // the headers of the shared checkpoints, every shape shrunk so that the seed stays small
        for (String shard : List.of("opt-tiny/model.safetensors",
                "opt-tiny-bf16-sharded/model-00002-of-00002.safetensors")) {
            Optional<Path> file = SharedData.fixturesIfPresent("opt/" + shard);
            if (file.isPresent()) {
                seeds.add(shrunk(file.get()));
            }
        }
        return seeds;
    }

    static List<byte[]> pytorchBinSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        byte[] pickle = new PickleBytes().proto(2).global("collections", "OrderedDict").op(')').reduce().mark()
                .string("decoder.layers.0.fc1.weight").tensor("HalfStorage", "0", 6, 2, new int[] {2, 2},
                        new int[] {2, 1})
                .string("decoder.final_layer_norm.bias").tensor("FloatStorage", "1", 2, 0, new int[] {2},
                        new int[] {1})
                .op('u').stop().bytes();
        seeds.add(archive(pickle, Map.of("0", new byte[12], "1", new byte[8])));
        Optional<byte[]> real = sharedPickle();
        if (real.isPresent()) {
            seeds.add(archive(real.get(), Map.of()));
        }
        return seeds;
    }

    static List<byte[]> pickleSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(new PickleBytes().proto(2).op('}').mark().string("a").tensor("FloatStorage", "0", 4, 0,
                new int[] {2, 2}, new int[] {2, 1}).op('u').stop().bytes());
        sharedPickle().ifPresent(seeds::add);
        return seeds;
    }

    static List<byte[]> configSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(CONFIG.getBytes(StandardCharsets.UTF_8));
        for (String model : List.of("opt-tiny", "opt-tiny-postln", "opt-tiny-bf16-sharded")) {
            Optional<Path> file = SharedData.fixturesIfPresent("opt/" + model + "/config.json");
            if (file.isPresent()) {
                seeds.add(Files.readAllBytes(file.get()));
            }
        }
        return seeds;
    }

    static List<byte[]> indexSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add("{\"metadata\":{},\"weight_map\":{\"a\":\"s1.safetensors\",\"b\":\"s2.safetensors\"}}"
                .getBytes(StandardCharsets.UTF_8));
        Optional<Path> file = SharedData.fixturesIfPresent("opt/opt-tiny-bf16-sharded/model.safetensors.index.json");
        if (file.isPresent()) {
            seeds.add(Files.readAllBytes(file.get()));
        }
        return seeds;
    }

    /** A small safetensors file: one tensor of shape [2, 2] (or [2] for biases) per name, zero data. */
    private static byte[] safetensors(Map<String, String> dtypes) throws IOException {
        ObjectNode header = new ObjectMapper().createObjectNode();
        long offset = 0;
        for (Map.Entry<String, String> e : dtypes.entrySet()) {
            long[] shape = e.getKey().endsWith(".bias") ? new long[] {2} : new long[] {2, 2};
            offset = entry(header, e.getKey(), e.getValue(), shape, offset);
        }
        return withData(header, offset);
    }

    /** The shared file's header with every dimension cut to at most 2, its offsets recomputed, zero data. */
    private static byte[] shrunk(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            long length = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            head = in.readNBytes((int) length);
        }
        JsonNode original = new ObjectMapper().readTree(head);
        ObjectNode header = new ObjectMapper().createObjectNode();
        long offset = 0;
        for (Map.Entry<String, JsonNode> e : original.properties()) {
            if (e.getKey().equals("__metadata__")) {
                header.set(e.getKey(), e.getValue());
                continue;
            }
            JsonNode dims = e.getValue().get("shape");
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Math.min(2, dims.get(i).asLong());
            }
            offset = entry(header, e.getKey(), e.getValue().get("dtype").asText(), shape, offset);
        }
        return withData(header, offset);
    }

    private static long entry(ObjectNode header, String name, String dtype, long[] shape, long offset) {
        ObjectNode entry = header.putObject(name);
        entry.put("dtype", dtype);
        var dims = entry.putArray("shape");
        long count = 1;
        for (long d : shape) {
            dims.add(d);
            count *= d;
        }
        long end = offset + count * StoredType.ofSafetensors(dtype).orElseThrow().byteSize();
        entry.putArray("data_offsets").add(offset).add(end);
        return end;
    }

    private static byte[] withData(ObjectNode header, long dataBytes) {
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json);
        return out.array();
    }

    /** The state_dict pickle of the shared torch.save checkpoint. */
    private static Optional<byte[]> sharedPickle() throws IOException {
        Optional<Path> bin = SharedData.fixturesIfPresent("opt/opt-tiny-postln/pytorch_model.bin");
        if (bin.isEmpty()) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(bin.get().toFile())) {
            ZipEntry pickle = zip.stream().filter(e -> e.getName().endsWith("/data.pkl")).findFirst().orElseThrow();
            try (InputStream in = zip.getInputStream(pickle)) {
                return Optional.of(in.readAllBytes());
            }
        }
    }

    private static byte[] archive(byte[] pickle, Map<String, byte[]> storages) throws IOException {
        Path temp = Files.createTempFile("seed", ".bin");
        try {
            PickleBytes.writeArchive(temp, pickle, storages);
            return Files.readAllBytes(temp);
        } finally {
            Files.delete(temp);
        }
    }
}
