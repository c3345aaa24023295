package org.imlbench.hf.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files beyond 2 GB and tensors converted through several mapped windows. */
class LargeSafetensorsTest {
    @TempDir
    Path tmp;

    @Test
    void readsTensorsStoredBeyondTwoGigabytes() throws Exception {
        // a 2.4 GB tensor that stays a hole of a sparse file, followed by small tensors past the 2 GB mark
        long bigBytes = 600_000_000L * 4;
        String header = "{\"model.decoder.big\":{\"dtype\":\"F32\",\"shape\":[600000000],\"data_offsets\":[0,"
                + bigBytes + "]},\"model.decoder.tail\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":["
                + bigBytes + "," + (bigBytes + 8) + "]},\"model.decoder.tail32\":{\"dtype\":\"F32\",\"shape\":[3],"
                + "\"data_offsets\":[" + (bigBytes + 8) + "," + (bigBytes + 20) + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path file = tmp.resolve("big.safetensors");
        ByteBuffer tail = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : new float[] {1.5f, -2f, 0.25f, 1024f}) {
            tail.putShort((short) (Float.floatToIntBits(f) >>> 16));
        }
        tail.putFloat(3.25f).putFloat(-7f).putFloat(1e-3f).flip();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(h.length).put(h).flip();
            out.write(head, 0);
            out.write(tail, 8 + h.length + bigBytes);
        }
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(3, st.storedNames().size());
            TensorData t = st.read("model.decoder.tail", "decoder.tail");
            assertArrayEquals(new long[] {2, 2}, t.shape());
            assertArrayEquals(new float[] {1.5f, -2f, 0.25f, 1024f}, CheckpointsTest.values(t));
            assertArrayEquals(new float[] {3.25f, -7f, 1e-3f},
                    CheckpointsTest.values(st.read("model.decoder.tail32", "decoder.tail32")));
        }
    }

    @Test
    void convertsThroughManySmallWindowsToTheSameValues() throws Exception {
        Path dir = SharedData.optFixtures().resolve("opt-tiny-bf16-sharded");
        Path shard = dir.resolve("model-00002-of-00002.safetensors");
        try (SafetensorsFile whole = SafetensorsFile.open(shard);
             SafetensorsFile windowed = SafetensorsFile.open(shard, 6)) {
            for (String name : whole.storedNames()) {
                assertArrayEquals(CheckpointsTest.values(whole.read(name, name)),
                        CheckpointsTest.values(windowed.read(name, name)), name);
            }
        }
    }
}
