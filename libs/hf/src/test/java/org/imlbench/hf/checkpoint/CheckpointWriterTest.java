package org.imlbench.hf.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints written in Hugging Face layout read back identically through {@link Checkpoints#open}. */
class CheckpointWriterTest {
    @TempDir
    Path tmp;

    static OptConfig tinyConfig() {
        return new OptConfig(260, 8, 2, 2, 16, 12, 8, true, "relu", 0.1, 0.0, true, true, 1, 2, 2, "float32");
    }

    static List<TensorData> randomTensors(OptConfig config, long seed) {
        Random random = new Random(seed);
        List<TensorData> tensors = new ArrayList<>();
        ExpectedTensors.of(config).forEach((name, shape) -> {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            FloatBuffer b = FloatBuffer.allocate((int) n);
            for (int i = 0; i < n; i++) {
                b.put((float) random.nextGaussian() * 0.02f);
            }
            b.flip();
            tensors.add(new TensorData(name, shape, "F32", b));
        });
        return tensors;
    }

    @Test
    void writesSavePretrainedLayoutThatReadsBack() throws Exception {
        OptConfig config = tinyConfig();
        List<TensorData> tensors = randomTensors(config, 7);
        Path dir = tmp.resolve("model");
        new CheckpointWriter(config).withTextFile("imlbench-tokenizer.json", "{\"type\":\"bytes\"}\n")
                .write(dir, tensors);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        assertEquals("opt", json.get("model_type").asText());
        assertEquals("OPTForCausalLM", json.get("architectures").get(0).asText());
        assertEquals(16, json.get("ffn_dim").asInt());
        assertTrue(Files.exists(dir.resolve("imlbench-tokenizer.json")));
        byte[] st = Files.readAllBytes(dir.resolve("model.safetensors"));
        long headerLength = ByteBuffer.wrap(st).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        JsonNode header = new ObjectMapper().readTree(new String(st, 8, (int) headerLength, "UTF-8"));
        assertTrue(header.has("model.decoder.embed_tokens.weight"));
        assertFalse(header.has("lm_head.weight"));

        try (Checkpoint ckpt = Checkpoints.open(dir)) {
            assertEquals(config, ckpt.config());
            assertEquals(tensors.size(), ckpt.tensorNames().size());
            for (TensorData t : tensors) {
                TensorData back = ckpt.tensor(t.name());
                assertArrayEquals(t.shape(), back.shape());
                assertArrayEquals(CheckpointsTest.values(t), CheckpointsTest.values(back), t.name());
            }
        }
    }

    @Test
    void convertsTheBinFixtureAndReplacesAnExistingDirectoryAtomically() throws Exception {
        Path source = SharedData.optFixtures().resolve("opt-tiny-postln");
        Path dir = tmp.resolve("converted");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stale.txt"), "old");
        try (Checkpoint in = Checkpoints.open(source)) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (String name : in.tensorNames()) {
                shapes.put(name, in.shape(name));
            }
            new CheckpointWriter(in.config()).withTokenizerFrom(source).write(dir, shapes, in::tensor);
            try (Checkpoint out = Checkpoints.open(dir)) {
                assertEquals(in.config(), out.config());
                assertEquals(in.tensorNames(), out.tensorNames());
                for (String name : in.tensorNames()) {
                    assertArrayEquals(CheckpointsTest.values(in.tensor(name)),
                            CheckpointsTest.values(out.tensor(name)), name);
                }
            }
        }
        assertFalse(Files.exists(dir.resolve("stale.txt")));
        assertTrue(Files.exists(dir.resolve("vocab.json")) && Files.exists(dir.resolve("merges.txt")));
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of(dir), siblings.toList(), "no temporary directories left behind");
        }
    }

    @Test
    void failedWriteLeavesNothingBehind() throws Exception {
        OptConfig config = tinyConfig();
        Path dir = tmp.resolve("model");
        Map<String, long[]> shapes = Map.of("decoder.embed_tokens.weight", new long[] {260, 8});
        assertThrows(IOException.class, () -> new CheckpointWriter(config).write(dir, shapes,
                name -> new TensorData(name, new long[] {3}, "F32", FloatBuffer.allocate(3))));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count());
        }
        assertThrows(IllegalArgumentException.class, () -> new CheckpointWriter(config).write(dir,
                Map.of("model.decoder.x", new long[] {1}), name -> null));
    }
}
