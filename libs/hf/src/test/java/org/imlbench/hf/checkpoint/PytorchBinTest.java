package org.imlbench.hf.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** torch.save archives built by hand: what a state_dict needs is read, everything else is refused. */
class PytorchBinTest {
    @TempDir
    Path dir;

    @Test
    void refusesOsSystemAndRunsNothing() throws Exception {
        Path marker = dir.resolve("pwned");
        byte[] pickle = new PickleBytes().proto(2).global("posix", "system").mark()
                .string("touch " + marker).tuple().reduce().stop().bytes();
        Path bin = dir.resolve("pytorch_model.bin");
        PickleBytes.writeArchive(bin, pickle, Map.of());
        IOException e = assertThrows(IOException.class, () -> PytorchBinFile.open(bin));
        assertEquals(bin + ": refused pickle global 'posix.system' (only state_dict contents are allowed)",
                e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void refusesEvalReachedThroughStackGlobalInsideAStateDict() throws Exception {
        // a valid-looking state_dict whose second value is built by builtins.eval
        byte[] pickle = new PickleBytes().proto(4).op('}').mark()
                .string("w").tensor("FloatStorage", "0", 2, 0, new int[] {2}, new int[] {1})
                .string("x").string("builtins").string("eval").op(0x93).mark().string("1+1").tuple().reduce()
                .op('u').stop().bytes();
        writeCheckpointDir(pickle, Map.of("0", floats(1f, 2f)));
        IOException e = assertThrows(IOException.class, () -> Checkpoints.open(dir));
        assertTrue(e.getMessage().contains("refused pickle global 'builtins.eval'"), e.getMessage());
        assertTrue(e.getMessage().contains("pytorch_model.bin"), e.getMessage());
    }

    @Test
    void refusesObjectCreatingOpcodes() throws Exception {
        // INST ('i') would import and instantiate a class from two text lines
        byte[] pickle = new PickleBytes().proto(2).mark().op('i').bytes();
        byte[] withNames = concat(pickle, "os\nsystem\n".getBytes(), new byte[] {'.'});
        Path bin = dir.resolve("pytorch_model.bin");
        PickleBytes.writeArchive(bin, withNames, Map.of());
        IOException e = assertThrows(IOException.class, () -> PytorchBinFile.open(bin));
        assertTrue(e.getMessage().contains("unsupported pickle opcode 0x69"), e.getMessage());
    }

    @Test
    void readsHalfStoragesWithOffsetsAndSharedStorage() throws Exception {
        // two tensors view one fp16 storage of 6 elements: a = s[0:2], b = s[2:6] as 2x2
        byte[] pickle = new PickleBytes().proto(2).global("collections", "OrderedDict").op(')').reduce().mark()
                .string("model.decoder.a").tensor("HalfStorage", "7", 6, 0, new int[] {2}, new int[] {1})
                .string("model.decoder.b").tensor("HalfStorage", "7", 6, 2, new int[] {2, 2}, new int[] {2, 1})
                .string("lm_head.weight").tensor("HalfStorage", "7", 6, 0, new int[] {2}, new int[] {1})
                .op('u').stop().bytes();
        writeCheckpointDir(pickle, Map.of("7", halves(1f, -2f, 0.5f, 65504f, 5.9604645e-8f, Float.NEGATIVE_INFINITY)));
        try (Checkpoint ckpt = Checkpoints.open(dir)) {
            assertEquals(Set.of("decoder.a", "decoder.b"), ckpt.tensorNames());
            TensorData a = ckpt.tensor("decoder.a");
            assertEquals("F16", a.storedType());
            assertArrayEquals(new float[] {1f, -2f}, CheckpointsTest.values(a));
            TensorData b = ckpt.tensor("decoder.b");
            assertArrayEquals(new long[] {2, 2}, b.shape());
            assertArrayEquals(new float[] {0.5f, 65504f, 5.9604645e-8f, Float.NEGATIVE_INFINITY},
                    CheckpointsTest.values(b));
        }
    }

    @Test
    void refusesNonContiguousTensorsWhenRead() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).op('}').mark()
                .string("decoder.t").tensor("FloatStorage", "0", 4, 0, new int[] {2, 2}, new int[] {1, 2})
                .op('u').stop().bytes();
        writeCheckpointDir(pickle, Map.of("0", floats(1, 2, 3, 4)));
        try (Checkpoint ckpt = Checkpoints.open(dir)) {
            IOException e = assertThrows(IOException.class, () -> ckpt.tensor("decoder.t"));
            assertTrue(e.getMessage().contains("is not contiguous"), e.getMessage());
        }
    }

    @Test
    void storageSizeMismatchAndLegacyFormatAreNamed() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).op('}').mark()
                .string("decoder.t").tensor("FloatStorage", "0", 4, 0, new int[] {4}, new int[] {1})
                .op('u').stop().bytes();
        writeCheckpointDir(pickle, Map.of("0", floats(1, 2, 3)));
        // refused when the checkpoint opens, before a reader sizes a buffer from the tensor's shape
        IOException e = assertThrows(IOException.class, () -> Checkpoints.open(dir));
        assertTrue(e.getMessage().contains("has 12 bytes, but 4 F32 elements need 16"), e.getMessage());
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, '}', '.'});
        IOException legacy = assertThrows(IOException.class, () -> Checkpoints.open(dir));
        assertTrue(legacy.getMessage().contains("not a torch.save zip archive"), legacy.getMessage());
    }

    @Test
    void aShapeLargerThanItsStorageIsRefusedBeforeAnythingIsAllocated() throws Exception {
        // fuzzer: crash-f09bc7a1, a size of 2e8 over a storage of 3 floats made tensor() reserve 805 MB first
        byte[] pickle = new PickleBytes().proto(2).op('}').mark()
                .string("decoder.t").tensor("FloatStorage", "0", 3, 0, new int[] {200_000_000}, new int[] {1})
                .op('u').stop().bytes();
        writeCheckpointDir(pickle, Map.of("0", floats(1, 2, 3)));
        IOException e = assertThrows(IOException.class, () -> Checkpoints.open(dir));
        assertTrue(e.getMessage().contains("200000000 elements from offset 0 lie outside its storage of 3"),
                e.getMessage());
    }

    @Test
    void acceptsTheMetadataTorchSaveAttachesToAStateDict() throws Exception {
        // torch.save(module.state_dict()): items, then BUILD with {'_metadata': OrderedDict({'': {'version': 1}})}
        byte[] pickle = new PickleBytes().proto(2).global("collections", "OrderedDict").op(')').reduce().mark()
                .string("decoder.t").tensor("FloatStorage", "0", 1, 0, new int[] {1}, new int[] {1})
                .op('u')
                .op('}').string("_metadata").global("collections", "OrderedDict").op(')').reduce()
                .string("").op('}').string("version").integer(1).op('s').op('s')
                .op('s').op('b').stop().bytes();
        writeCheckpointDir(pickle, Map.of("0", floats(4.5f)));
        try (Checkpoint ckpt = Checkpoints.open(dir)) {
            assertEquals(Set.of("decoder.t"), ckpt.tensorNames());
            assertArrayEquals(new float[] {4.5f}, CheckpointsTest.values(ckpt.tensor("decoder.t")));
        }
    }

    @Test
    void readsShardedBinsThroughTheirIndex() throws Exception {
        byte[] first = new PickleBytes().proto(2).op('}').mark()
                .string("decoder.a").tensor("FloatStorage", "0", 2, 0, new int[] {2}, new int[] {1})
                .op('u').stop().bytes();
        byte[] second = new PickleBytes().proto(2).op('}').mark()
                .string("decoder.b").tensor("BFloat16Storage", "0", 3, 1, new int[] {2}, new int[] {1})
                .op('u').stop().bytes();
        writeCheckpointDir(first, Map.of("0", floats(1f, 2f)));
        Files.move(dir.resolve("pytorch_model.bin"), dir.resolve("pytorch_model-00001-of-00002.bin"));
        PickleBytes.writeArchive(dir.resolve("pytorch_model-00002-of-00002.bin"), second,
                Map.of("0", new byte[] {0, 0, (byte) 0xc0, 0x3f, 0x00, (byte) 0xc1}));
        Files.writeString(dir.resolve("pytorch_model.bin.index.json"), "{\"metadata\": {\"total_size\": 12}, "
                + "\"weight_map\": {\"decoder.a\": \"pytorch_model-00001-of-00002.bin\", "
                + "\"decoder.b\": \"pytorch_model-00002-of-00002.bin\"}}");
        try (Checkpoint ckpt = Checkpoints.open(dir)) {
            assertEquals(Set.of("decoder.a", "decoder.b"), ckpt.tensorNames());
            assertArrayEquals(new float[] {1f, 2f}, CheckpointsTest.values(ckpt.tensor("decoder.a")));
            // bf16 0x3fc0 = 1.5, 0xc100 = -8; the tensor starts one element into its storage
            assertArrayEquals(new float[] {1.5f, -8f}, CheckpointsTest.values(ckpt.tensor("decoder.b")));
        }
        Files.delete(dir.resolve("pytorch_model-00002-of-00002.bin"));
        IOException e = assertThrows(IOException.class, () -> Checkpoints.open(dir));
        assertTrue(e.getMessage().contains("pytorch_model.bin.index.json: shard 'pytorch_model-00002-of-00002.bin' "
                + "is missing"), e.getMessage());
    }

    private void writeCheckpointDir(byte[] pickle, Map<String, byte[]> storages) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"vocab_size\": 8, \"hidden_size\": 2, "
                + "\"num_hidden_layers\": 1, \"num_attention_heads\": 1, \"ffn_dim\": 4, "
                + "\"max_position_embeddings\": 4}");
        PickleBytes.writeArchive(dir.resolve("pytorch_model.bin"), pickle, storages);
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** fp16 encodings of values that are exactly representable (written bit by bit, independent of the reader). */
    static byte[] halves(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putShort(toHalf(f));
        }
        return b.array();
    }

    private static short toHalf(float f) {
        if (f == Float.NEGATIVE_INFINITY) {
            return (short) 0xfc00;
        }
        if (f == 5.9604645e-8f) {
            return 0x0001; // smallest subnormal
        }
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = (bits >>> 13) & 0x3ff;
        return (short) (sign | (exp << 10) | mant);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
