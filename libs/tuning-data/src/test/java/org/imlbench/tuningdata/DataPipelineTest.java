package org.imlbench.tuningdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.TrainingExample;
import org.imlbench.api.TrainingExamples;
import org.imlbench.api.TrainingExamples.TaskExamples;
import org.imlbench.hf.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;

class DataPipelineTest {
    private static final ExampleEncoder BYTES = new ExampleEncoder(new ByteTokenizer());

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

    /** Examples whose byte-tokenized lengths vary: source 1 + (1..7) bytes, target (1..4) bytes + EOS. */
    private static TrainingExamples varied(int n, int tasks) {
        List<TrainingExample> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new TrainingExample("task" + (i % tasks), "s".repeat(1 + i % 7) + i, "t".repeat(1 + i % 4)));
        }
        return TrainingExamples.of(list);
    }

    private static MixtureSampler sampler(TrainingExamples examples, int cap, long seed) {
        return new MixtureSampler(examples.tasks(), cap, Map.of(), seed);
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
        assertSame(e, e.truncatedTo(20));
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
    void packedWindowsHoldWholeExamplesUpToTheWindow() throws IOException {
        TrainingExamples examples = varied(30, 3);
        WindowStream stream = new WindowStream(new TrainingPool(examples, BYTES, 16), sampler(examples, 100, 7),
                true);
        int count = 0;
        for (int w = 0; w < 50; w++) {
            List<EncodedExample> window = stream.next();
            int used = window.stream().mapToInt(EncodedExample::length).sum();
            assertTrue(used <= 16, "window over the limit: " + used);
            assertTrue(!window.isEmpty());
            count += window.size();
        }
        assertTrue(count > 50, "packing put more than one example per window on average");
        WindowStream unpacked = new WindowStream(new TrainingPool(examples, BYTES, 16), sampler(examples, 100, 7),
                false);
        for (int w = 0; w < 20; w++) {
            assertEquals(1, unpacked.next().size());
        }
    }

    @Test
    void streamReplaysToTheSamePosition() throws IOException {
        TrainingExamples examples = varied(40, 5);
        WindowStream a = new WindowStream(new TrainingPool(examples, BYTES, 24), sampler(examples, 3, 11), true);
        a.next(17);
        List<List<EncodedExample>> expected = a.next(5);
        WindowStream b = new WindowStream(new TrainingPool(examples, BYTES, 24), sampler(examples, 3, 11), true);
        b.skip(17);
        assertEquals(a.position().windows() - 5, b.position().windows());
        assertEquals(expected, b.next(5));
        assertEquals(a.position(), b.position());
        WindowStream other = new WindowStream(new TrainingPool(examples, BYTES, 24), sampler(examples, 3, 12), true);
        other.skip(17);
        assertNotEquals(expected, other.next(5), "another seed gives another order");
    }

    @Test
    void examplesWhoseTargetCannotFitAreLeftOutAndCounted() throws IOException {
        List<TrainingExample> list = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            list.add(new TrainingExample("t", "q" + i, i % 2 == 0 ? "ok" : "far too long a target"));
        }
        TrainingExamples examples = TrainingExamples.of(list);
        TrainingPool pool = new TrainingPool(examples, BYTES, 8);
        WindowStream stream = new WindowStream(pool, sampler(examples, 100, 1), false);
        for (List<EncodedExample> window : stream.next(20)) {
            assertTrue(window.get(0).length() <= 8);
        }
        assertEquals(5, pool.dropped());
        TrainingExamples hopeless = TrainingExamples.of(List.of(new TrainingExample("t", "q", "a long target")));
        WindowStream never = new WindowStream(new TrainingPool(hopeless, BYTES, 4), sampler(hopeless, 1, 1), true);
        IOException e = assertThrows(IOException.class, never::next);
        assertTrue(e.getMessage().contains("--max-seq-len"), e.getMessage());
    }

    @Test
    void mixtureIsExamplesProportionalWithACap() {
        List<TaskExamples> tasks = List.of(new TaskExamples("a/big", 1000), new TaskExamples("a/small", 100),
                new TaskExamples("b/mid", 300));
        MixtureSampler sampler = new MixtureSampler(tasks, 400, Map.of(), 3);
        // weights min(n, 400): 400, 100, 300
        assertEquals(0.5, sampler.probability("a/big"), 1e-12);
        assertEquals(0.125, sampler.probability("a/small"), 1e-12);
        assertEquals(0.375, sampler.probability("b/mid"), 1e-12);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 40000; i++) {
            MixtureSampler.Draw draw = sampler.next();
            assertTrue(draw.index() < tasks.get(draw.task()).count());
            counts.merge(draw.task(), 1, Integer::sum);
        }
        assertEquals(0.5, counts.get(0) / 40000.0, 0.01);
        assertEquals(0.125, counts.get(1) / 40000.0, 0.01);

        MixtureSampler proportional = new MixtureSampler(tasks, 400, Map.of("a", 0.2, "b", 0.8), 3);
        assertEquals(0.8, proportional.probability("b/mid"), 1e-12);
        assertEquals(0.2 * 400 / 500, proportional.probability("a/big"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new MixtureSampler(tasks, 400, Map.of("c", 1.0), 3));
    }

    @Test
    void drawsDoNotDependOnTheOrderTasksAreListedIn() {
        List<TaskExamples> forward = List.of(new TaskExamples("x", 7), new TaskExamples("y", 5));
        List<TaskExamples> backward = List.of(new TaskExamples("y", 5), new TaskExamples("x", 7));
        MixtureSampler a = new MixtureSampler(forward, 100, Map.of(), 9);
        MixtureSampler b = new MixtureSampler(backward, 100, Map.of(), 9);
        for (int i = 0; i < 100; i++) {
            MixtureSampler.Draw da = a.next();
            MixtureSampler.Draw db = b.next();
            assertEquals(forward.get(da.task()).taskId(), backward.get(db.task()).taskId());
            assertEquals(da.index(), db.index());
        }
    }

    @Test
    void everyExampleOfATaskIsUsedBeforeAnyRepeats() {
        MixtureSampler sampler = new MixtureSampler(List.of(new TaskExamples("only", 50)), 1000, Map.of(), 5);
        boolean[] seen = new boolean[50];
        for (int i = 0; i < 50; i++) {
            int k = sampler.next().index();
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
}
