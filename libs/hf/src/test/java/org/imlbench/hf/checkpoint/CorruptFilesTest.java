package org.imlbench.hf.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of broken checkpoint gives an error that names the file and the problem. */
class CorruptFilesTest {
    private static final String CONFIG = "{\"vocab_size\": 8, \"hidden_size\": 2, \"num_hidden_layers\": 1, "
            + "\"num_attention_heads\": 1, \"ffn_dim\": 4, \"max_position_embeddings\": 4}";

    @TempDir
    Path dir;

    @Test
    void truncatedSafetensors() throws Exception {
        Path file = writeSafetensors(
                "{\"model.decoder.a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", new byte[16]);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 5));
        assertOpenFails("model.safetensors", "tensor 'model.decoder.a': data_offsets [0,16] lie outside the file",
                "truncated");
        Files.write(file, Arrays.copyOf(all, 20));
        assertOpenFails("model.safetensors", "truncated safetensors file: its header needs");
        Files.write(file, new byte[] {1, 2, 3});
        assertOpenFails("model.safetensors", "truncated safetensors file (3 bytes");
    }

    @Test
    void headerOffsetsOutsideTheFile() throws Exception {
        writeSafetensors("{\"model.decoder.a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[1000,1008]}}",
                new byte[16]);
        assertOpenFails("model.safetensors", "data_offsets [1000,1008] lie outside the file (its data section has 16");
    }

    @Test
    void shapeDisagreesWithByteLength() throws Exception {
        writeSafetensors("{\"model.decoder.a\":{\"dtype\":\"BF16\",\"shape\":[3,2],\"data_offsets\":[0,16]}}",
                new byte[16]);
        assertOpenFails("model.safetensors", "tensor 'model.decoder.a': shape [3, 2] of BF16 needs 12 bytes but "
                + "data_offsets [0,16] span 16");
    }

    @Test
    void missingShard() throws Exception {
        Files.writeString(dir.resolve("config.json"), CONFIG);
        writeSafetensorsAs("model-00001-of-00002.safetensors",
                "{\"model.decoder.a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":{},\"weight_map\":{"
                + "\"model.decoder.a\":\"model-00001-of-00002.safetensors\","
                + "\"model.decoder.b\":\"model-00002-of-00002.safetensors\"}}");
        assertOpenFails("model.safetensors.index.json", "shard 'model-00002-of-00002.safetensors' is missing");
    }

    @Test
    void shardThatLacksAnIndexedTensor() throws Exception {
        Files.writeString(dir.resolve("config.json"), CONFIG);
        writeSafetensorsAs("model-00001-of-00001.safetensors",
                "{\"model.decoder.a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\":{"
                + "\"model.decoder.b\":\"model-00001-of-00001.safetensors\"}}");
        assertOpenFails("model.safetensors.index.json", "tensor 'model.decoder.b' is mapped to shard");
    }

    @Test
    void configWithoutRequiredField() throws Exception {
        writeSafetensors("{}", new byte[0]);
        Files.writeString(dir.resolve("config.json"), CONFIG.replace("\"hidden_size\": 2, ", ""));
        assertOpenFails("config.json", "required field 'hidden_size' is missing");
        Files.writeString(dir.resolve("config.json"), CONFIG.replace("\"ffn_dim\": 4", "\"ffn_dim\": \"four\""));
        assertOpenFails("config.json", "field 'ffn_dim' must be a positive integer");
        Files.delete(dir.resolve("config.json"));
        assertOpenFails("config.json", "no such file");
    }

    @Test
    void noWeightsAtAll() throws Exception {
        Files.writeString(dir.resolve("config.json"), CONFIG);
        assertOpenFails(dir.getFileName().toString(), "no weights found (looked for model.safetensors.index.json");
    }

    @Test
    void configDefaultsFollowOptConfig() throws Exception {
        Files.writeString(dir.resolve("config.json"), CONFIG);
        OptConfig c = OptConfigs.read(dir.resolve("config.json"));
        assertTrue(c.enableBias() && c.layerNormElementwiseAffine() && c.doLayerNormBefore());
        assertTrue(c.wordEmbedProjDim() == 2 && c.padTokenId() == 1 && c.bosTokenId() == 2 && c.eosTokenId() == 2);
        assertTrue(c.activation().equals("relu") && c.torchDtype().equals("float32"));
    }

    private void assertOpenFails(String fileName, String... fragments) {
        IOException e = assertThrows(IOException.class, () -> Checkpoints.open(dir).close());
        assertTrue(e.getMessage().contains(fileName), () -> "names " + fileName + ": " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "mentions '" + f + "': " + e.getMessage());
        }
    }

    private Path writeSafetensors(String header, byte[] data) throws IOException {
        if (!Files.exists(dir.resolve("config.json"))) {
            Files.writeString(dir.resolve("config.json"), CONFIG);
        }
        return writeSafetensorsAs("model.safetensors", header, data);
    }

    private Path writeSafetensorsAs(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return Files.write(dir.resolve(name), b.array());
    }
}
