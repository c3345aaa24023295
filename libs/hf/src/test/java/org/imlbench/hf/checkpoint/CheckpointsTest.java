package org.imlbench.hf.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;

/** Opens the three shared OPT fixtures and checks names, shapes and values against the raw file bytes. */
class CheckpointsTest {

    @Test
    void opensSingleSafetensorsWithModelPrefixAndTiedHead() throws Exception {
        Path dir = SharedData.optFixtures().resolve("opt-tiny");
        try (Checkpoint ckpt = Checkpoints.open(dir)) {
            OptConfig c = ckpt.config();
            assertEquals(32, c.hiddenSize());
            assertEquals(64, c.ffnDim());
            assertTrue(c.doLayerNormBefore());
            assertFalse(c.hasProjections());
            assertShapes(ckpt);
            assertFalse(ckpt.tensorNames().contains("lm_head.weight"));
            for (String name : ckpt.tensorNames()) {
                TensorData t = ckpt.tensor(name);
                assertEquals("F32", t.storedType());
                assertEquals(t.size(), t.data().remaining());
                assertEquals(0, t.data().position());
                assertArrayEquals(rawSafetensors(dir.resolve("model.safetensors"), "model." + name), values(t));
            }
        }
    }

    @Test
    void opensShardedBf16AndWidensExactly() throws Exception {
        Path dir = SharedData.optFixtures().resolve("opt-tiny-bf16-sharded");
        JsonNode index = new ObjectMapper().readTree(dir.resolve("model.safetensors.index.json").toFile());
        try (Checkpoint ckpt = Checkpoints.open(dir)) {
            assertEquals(64, ckpt.config().hiddenSize());
            assertShapes(ckpt);
            for (String name : ckpt.tensorNames()) {
                TensorData t = ckpt.tensor(name);
                assertEquals("BF16", t.storedType());
                float[] v = values(t);
                String shard = index.get("weight_map").get("model." + name).asText();
                assertArrayEquals(rawSafetensors(dir.resolve(shard), "model." + name), v, name);
                for (float f : v) {
                    assertEquals(0, Float.floatToRawIntBits(f) & 0xffff, "bf16 widening leaves low bits zero");
                }
            }
        }
    }

    @Test
    void opensPytorchBinWithDecoderPrefixAndProjections() throws Exception {
        Path dir = SharedData.optFixtures().resolve("opt-tiny-postln");
        try (Checkpoint ckpt = Checkpoints.open(dir)) {
            OptConfig c = ckpt.config();
            assertFalse(c.doLayerNormBefore());
            assertEquals(16, c.wordEmbedProjDim());
            assertTrue(c.hasProjections());
            assertShapes(ckpt);
            assertFalse(ckpt.tensorNames().contains("decoder.final_layer_norm.weight"));
            // the first storage of the archive is the embedding, stored in fp32 row-major
            TensorData embed = ckpt.tensor("decoder.embed_tokens.weight");
            float[] raw;
            try (ZipFile zip = new ZipFile(dir.resolve("pytorch_model.bin").toFile());
                 InputStream in = zip.getInputStream(zip.getEntry("pytorch_model/data/0"))) {
                ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
                raw = new float[b.remaining() / 4];
                b.asFloatBuffer().get(raw);
            }
            assertArrayEquals(raw, values(embed));
            for (String name : ckpt.tensorNames()) {
                float[] v = values(ckpt.tensor(name));
                for (float f : v) {
                    assertTrue(Float.isFinite(f) && Math.abs(f) < 10, name);
                }
            }
        }
    }

    private static void assertShapes(Checkpoint ckpt) {
        Map<String, long[]> expected = ExpectedTensors.of(ckpt.config());
        assertEquals(expected.keySet(), new TreeSet<>(ckpt.tensorNames()));
        expected.forEach((name, shape) -> {
            try {
                assertArrayEquals(shape, ckpt.tensor(name).shape(), name);
                assertArrayEquals(shape, ckpt.shape(name), name);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    static float[] values(TensorData t) {
        float[] v = new float[t.data().remaining()];
        t.data().duplicate().get(v);
        return v;
    }

    /** Reads one tensor's raw bytes with an independent, minimal header parse and widens F32/BF16. */
    static float[] rawSafetensors(Path file, String name) throws Exception {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) b.getLong(0);
        JsonNode entry = new ObjectMapper().readTree(new String(all, 8, headerLength, "UTF-8")).get(name);
        int begin = 8 + headerLength + entry.get("data_offsets").get(0).intValue();
        int end = 8 + headerLength + entry.get("data_offsets").get(1).intValue();
        String dtype = entry.get("dtype").asText();
        int size = dtype.equals("F32") ? 4 : 2;
        float[] out = new float[(end - begin) / size];
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype.equals("F32") ? b.getFloat(begin + 4 * i)
                    : Float.intBitsToFloat((b.getShort(begin + 2 * i) & 0xffff) << 16);
        }
        return out;
    }
}
