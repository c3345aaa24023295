package org.imlbench.djl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.imlbench.djl.testing.Golden;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logits of the left-padded golden batch, at every real position, against float64 references: all three fixture
 * checkpoints, through the uncached path and through a key/value cache filled in two steps.
 */
class OptModelGoldenTest {
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"opt-tiny", "opt-tiny-postln", "opt-tiny-bf16-sharded"})
    void logitsMatchReferenceUncachedAndCached(String fixture) throws Exception {
        JsonNode golden = Golden.of(fixture).get("left_padded_batch");
        int[][] ids = Golden.matrix(golden.get("input_ids"));
        int[][] mask = Golden.matrix(golden.get("attention_mask"));
        try (Checkpoint cp = Checkpoints.open(Golden.fixturesDir().resolve(fixture));
             OptModel model = OptModel.load(cp, Device.cpu(), DataType.FLOAT32);
             NDManager m = model.manager().newSubManager()) {
            int t = ids[0].length;
            NDArray full = model.forward(idsArray(m, ids, 0, t), Positions.toArray(m, Positions.fromMask(mask)),
                    AttentionMasks.causal(m, mask, t), null, ForwardMode.INFERENCE);
            check(golden, mask, full.toType(DataType.FLOAT64, false), fixture + " uncached");

            int split = 7;
            for (int capacity : new int[] {0, t + 3}) {
            try (KvCache cache = new KvCache(model, capacity)) {
                long[][] pos = Positions.fromMask(mask);
                NDArray first = model.forward(idsArray(m, ids, 0, split),
                        Positions.toArray(m, cols(pos, 0, split)), AttentionMasks.causal(m, cols(mask, split), split),
                        cache, ForwardMode.INFERENCE);
                NDArray second = model.forward(idsArray(m, ids, split, t),
                        Positions.toArray(m, cols(pos, split, t)), AttentionMasks.causal(m, mask, t - split),
                        cache, ForwardMode.INFERENCE);
                assertEquals(t, cache.length());
                check(golden, mask, first.concat(second, 1).toType(DataType.FLOAT64, false),
                        fixture + " cached, capacity " + capacity);
            }
            }
        }
    }

    private static void check(JsonNode golden, int[][] mask, NDArray logits, String what) {
        for (int r = 0; r < mask.length; r++) {
            JsonNode row = golden.get("per_real_position").get(r);
            int k = 0;
            for (int j = 0; j < mask[r].length; j++) {
                if (mask[r][j] == 0) {
                    continue;
                }
                NDArray v = logits.get(r, j);
                String at = what + " row " + r + " position " + j;
                assertEquals(row.get("argmax").get(k).asLong(), v.argMax().getLong(), at + " argmax");
                double lse = Math.log(v.exp().sum().getDouble());
                assertEquals(row.get("logsumexp").get(k).asDouble(), lse, TOLERANCE, at + " logsumexp");
                double[] first8 = v.get("0:8").toDoubleArray();
                for (int c = 0; c < 8; c++) {
                    assertEquals(row.get("first8").get(k).get(c).asDouble(), first8[c], TOLERANCE, at + " logit " + c);
                }
                k++;
            }
            assertEquals(row.get("argmax").size(), k, what + " row " + r + " real positions");
        }
    }

    private static NDArray idsArray(NDManager m, int[][] ids, int from, int to) {
        long[] flat = new long[ids.length * (to - from)];
        for (int r = 0; r < ids.length; r++) {
            for (int j = from; j < to; j++) {
                flat[r * (to - from) + j - from] = ids[r][j];
            }
        }
        return m.create(flat, new Shape(ids.length, to - from));
    }

    private static long[][] cols(long[][] a, int from, int to) {
        long[][] out = new long[a.length][];
        for (int r = 0; r < a.length; r++) {
            out[r] = Arrays.copyOfRange(a[r], from, to);
        }
        return out;
    }

    private static int[][] cols(int[][] a, int to) {
        int[][] out = new int[a.length][];
        for (int r = 0; r < a.length; r++) {
            out[r] = Arrays.copyOfRange(a[r], 0, to);
        }
        return out;
    }
}
