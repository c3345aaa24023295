package org.imlbench.djl.tuning;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataPipelineTest {
    private static EncodedExample example(String task, int sourceBody, int target, int base) {
        int[] s = new int[1 + sourceBody];
        s[0] = 2;
        for (int i = 1; i < s.length; i++) {
            s[i] = base + i;
        }
        int[] t = new int[target];
        for (int i = 0; i < target - 1; i++) {
            t[i] = base + 100 + i;
        }
        t[target - 1] = 2;
        return new EncodedExample(task, s, t);
    }

    @Test
    void truncationDropsSourceTokensAfterBosNeverTarget() {
        EncodedExample e = example("t", 10, 4, 10);
        EncodedExample cut = e.truncatedTo(8);
        assertEquals(8, cut.length());
        assertArrayEquals(e.target(), cut.target());
        assertEquals(2, cut.source()[0]);
        // the last three source tokens survive: 18, 19, 20
        assertArrayEquals(new int[] {2, 18, 19, 20}, cut.source());
        assertTrue(e.truncatedTo(20) == e);
        assertThrows(IllegalArgumentException.class, () -> e.truncatedTo(4));
    }

    @Test
    void batchLayoutMarksTargetPositionsWithinEachSegment() {
        EncodedExample a = example("t", 2, 2, 10);   // ids: 2 11 12 | 110 2
        EncodedExample b = example("t", 1, 3, 20);   // ids: 2 21 | 120 121 2
        TrainingBatch batch = TrainingBatch.of(List.of(List.of(a, b), List.of(b)), 1);
        assertEquals(10, batch.length());
        assertArrayEquals(new int[] {2, 11, 12, 110, 2, 2, 21, 120, 121, 2}, batch.inputIds()[0]);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 2, 2, 2, 2, 2}, batch.segmentIds()[0]);
        assertArrayEquals(new int[] {2, 21, 120, 121, 2, 1, 1, 1, 1, 1}, batch.inputIds()[1]);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0, 0, 0, 0, 0}, batch.segmentIds()[1]);
        // row 0: a predicts 110 at 2 and EOS at 3; b predicts 120 at 6, 121 at 7, EOS at 8; row 1 likewise from 10
        assertArrayEquals(new int[] {2, 3, 6, 7, 8, 11, 12, 13}, batch.lossIndex());
        assertArrayEquals(new int[] {110, 2, 120, 121, 2, 120, 121, 2}, batch.lossLabels());
        assertEquals(a.lossTokens() + 2 * b.lossTokens(), batch.lossTokens());
        assertEquals(15, batch.realTokens());
    }

    @Test
    void packedWindowsHoldWholeExamplesUpToTheWindow() {
        List<EncodedExample> pool = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pool.add(example("task" + (i % 3), 1 + i % 7, 2 + i % 4, i * 10));
        }
        WindowStream stream = new WindowStream(pool, new MixtureSampler(
                pool.stream().map(EncodedExample::taskId).toList(), 100, Map.of(), 7), 16, true);
        int examples = 0;
        for (int w = 0; w < 50; w++) {
            List<EncodedExample> window = stream.next();
            int used = window.stream().mapToInt(EncodedExample::length).sum();
            assertTrue(used <= 16, "window over the limit: " + used);
            assertTrue(!window.isEmpty());
            examples += window.size();
        }
        assertTrue(examples > 50, "packing put more than one example per window on average");
        WindowStream unpacked = new WindowStream(pool, new MixtureSampler(
                pool.stream().map(EncodedExample::taskId).toList(), 100, Map.of(), 7), 16, false);
        for (int w = 0; w < 20; w++) {
            assertEquals(1, unpacked.next().size());
        }
    }

    @Test
    void streamReplaysToTheSamePosition() {
        List<EncodedExample> pool = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pool.add(example("task" + (i % 5), 1 + i % 9, 2 + i % 3, i * 10));
        }
        List<String> tasks = pool.stream().map(EncodedExample::taskId).toList();
        WindowStream a = new WindowStream(pool, new MixtureSampler(tasks, 3, Map.of(), 11), 24, true);
        a.next(17);
        List<List<EncodedExample>> expected = a.next(5);
        WindowStream b = new WindowStream(pool, new MixtureSampler(tasks, 3, Map.of(), 11), 24, true);
        b.skip(17);
        assertEquals(a.position().windows() - 5, b.position().windows());
        assertEquals(expected, b.next(5));
        assertEquals(a.position(), b.position());
        WindowStream other = new WindowStream(pool, new MixtureSampler(tasks, 3, Map.of(), 12), 24, true);
        other.skip(17);
        assertTrue(!expected.equals(other.next(5)), "another seed gives another order");
    }

    @Test
    void mixtureIsExamplesProportionalWithACap() {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tasks.add("a/big");
        }
        for (int i = 0; i < 100; i++) {
            tasks.add("a/small");
        }
        for (int i = 0; i < 300; i++) {
            tasks.add("b/mid");
        }
        MixtureSampler sampler = new MixtureSampler(tasks, 400, Map.of(), 3);
        // weights min(n, 400): 400, 100, 300
        assertEquals(0.5, sampler.probability("a/big"), 1e-12);
        assertEquals(0.125, sampler.probability("a/small"), 1e-12);
        assertEquals(0.375, sampler.probability("b/mid"), 1e-12);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 40000; i++) {
            counts.merge(tasks.get(sampler.next()), 1, Integer::sum);
        }
        assertEquals(0.5, counts.get("a/big") / 40000.0, 0.01);
        assertEquals(0.125, counts.get("a/small") / 40000.0, 0.01);

        MixtureSampler proportional = new MixtureSampler(tasks, 400, Map.of("a", 0.2, "b", 0.8), 3);
        assertEquals(0.8, proportional.probability("b/mid"), 1e-12);
        assertEquals(0.2 * 400 / 500, proportional.probability("a/big"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new MixtureSampler(tasks, 400, Map.of("c", 1.0), 3));
    }

    @Test
    void everyExampleOfATaskIsUsedBeforeAnyRepeats() {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add("only");
        }
        MixtureSampler sampler = new MixtureSampler(tasks, 1000, Map.of(), 5);
        boolean[] seen = new boolean[50];
        for (int i = 0; i < 50; i++) {
            int k = sampler.next();
            assertTrue(!seen[k], "example " + k + " repeated within a pass");
            seen[k] = true;
        }
        assertEquals(50, sampler.draws());
    }

    @Test
    void scheduleWarmsUpThenDecaysLinearlyToZeroAfterTheLastStep() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 4, 12);
        assertEquals(2.5e-4, s.rate(1), 1e-15);
        assertEquals(1e-3, s.rate(4), 1e-15);
        assertEquals(1e-3, s.rate(5), 1e-15);
        assertEquals(1e-3 / 8, s.rate(12), 1e-15);
        for (int i = 5; i < 12; i++) {
            assertEquals(1e-3 / 8, s.rate(i) - s.rate(i + 1), 1e-15, "linear decay");
        }
        assertEquals(1e-3, new LearningRateSchedule(1e-3, 0, 3).rate(1), 1e-15);
        assertEquals(1e-3 / 3, new LearningRateSchedule(1e-3, 0, 3).rate(3), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> s.rate(13));
    }

    @Test
    void lossScalerHalvesOnOverflowAndGrowsAfterCleanSteps() {
        LossScaler scaler = new LossScaler(1024, 3, 1);
        assertTrue(!scaler.update(true));
        assertEquals(512, scaler.scale());
        assertTrue(scaler.update(false));
        assertTrue(scaler.update(false));
        assertEquals(512, scaler.scale());
        assertTrue(scaler.update(false));
        assertEquals(1024, scaler.scale());
        LossScaler none = LossScaler.none();
        assertThrows(ArithmeticException.class, () -> none.update(true));
    }

    @Test
    void clipFactorScalesOnlyAboveTheThreshold() {
        assertEquals(1.0, GlobalNorm.clipFactor(0.5, 1.0));
        assertEquals(0.25, GlobalNorm.clipFactor(4.0, 1.0), 1e-6);
        assertEquals(1.0, GlobalNorm.clipFactor(100, 0));
    }

    @Test
    void weightDecaySkipsBiasesAndLayerNorms() {
        assertTrue(AdamW.decays("decoder.layers.0.fc1.weight"));
        assertTrue(AdamW.decays("decoder.embed_tokens.weight"));
        assertTrue(!AdamW.decays("decoder.layers.0.fc1.bias"));
        assertTrue(!AdamW.decays("decoder.layers.0.self_attn_layer_norm.weight"));
        assertTrue(!AdamW.decays("decoder.final_layer_norm.weight"));
    }
}
