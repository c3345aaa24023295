package org.imlbench.harness.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.imlbench.api.Instance;
import org.imlbench.api.TrainingExample;
import org.imlbench.api.TrainingExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instance store and the training example store give back exactly what went in. */
class StoreTest {
    /** Texts a store must not change: non-ASCII, a question mark, lone surrogates, a supplementary character. */
    private static final List<String> HARD = List.of("", "plain ascii", "what? why?", "caf\u00e9 \u00fcber",
            "\u4e2d\u6587", "lone \ud800 high", "lone \udc00 low", "pair \ud83d\ude00", "nul \u0000 byte", "?\ud800");

    private static List<Instance> instances(int n, long seed) {
        Random random = new Random(seed);
        List<Instance> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = HARD.get(random.nextInt(HARD.size())) + " " + i;
            if (i % 3 == 0) {
                out.add(new Instance("id-" + i, text, List.of("yes", HARD.get(i % HARD.size())), List.of("yes", "no"),
                        Map.of("k", HARD.get((i + 1) % HARD.size()))));
            } else {
                out.add(Instance.generation("id-" + i + HARD.get(i % HARD.size()), text, List.of("r" + i)));
            }
        }
        return out;
    }

    @Test
    void instancesReadBackIdenticalOneByOneInRunsAndSparsely() throws Exception {
        List<Instance> all = instances(500, 1);
        try (InstanceStore store = InstanceStore.createTemporary()) {
            long first = store.append(InstanceStore.encode(all.subList(0, 200)));
            long second = store.append(InstanceStore.encode(all.subList(200, 500)));
            assertEquals(0, first);
            assertEquals(200, second);
            assertThrows(IllegalStateException.class, () -> store.read(0));
            store.seal();
            assertEquals(500, store.count());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(all.get(i), store.read(i), "record " + i);
            }
            assertEquals(all.subList(200, 500), store.read(200, 300, null));
            int[] dense = {0, 1, 2, 4, 7, 8, 9};
            int[] sparse = {3, 150, 299};
            assertEquals(List.of(all.get(200), all.get(201), all.get(202), all.get(204), all.get(207), all.get(208),
                    all.get(209)), store.read(200, 300, dense));
            assertEquals(List.of(all.get(203), all.get(350), all.get(499)), store.read(200, 300, sparse));
            assertEquals(List.of(), store.read(200, 300, new int[0]));
            Path dir = store.dir();
            assertTrue(Files.isDirectory(dir));
            store.close();
            assertFalse(Files.exists(dir), "closing deletes the store");
        }
    }

    @Test
    void trainingExamplesReadBackWithTheInMemoryFingerprint(@TempDir Path temp) throws Exception {
        List<TrainingExample> examples = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 5 + t; i++) {
                examples.add(new TrainingExample("task" + t, HARD.get((t + i) % HARD.size()) + " source " + i,
                        " target " + HARD.get(i % HARD.size())));
            }
        }
        TrainingExamples memory = TrainingExamples.of(examples);
        Path dir = temp.resolve("examples");
        TrainingExampleStore.Writer writer = TrainingExampleStore.create(dir);
        for (TrainingExample e : examples) {
            writer.add(e);
        }
        try (TrainingExampleStore store = writer.finish()) {
            assertEquals(memory.tasks(), store.tasks());
            assertEquals(memory.fingerprint(), store.fingerprint());
            for (int t = 0; t < store.tasks().size(); t++) {
                for (int i = 0; i < store.tasks().get(t).count(); i++) {
                    assertEquals(memory.get(t, i), store.get(t, i));
                }
            }
            assertThrows(IndexOutOfBoundsException.class, () -> store.get(0, 5));
        }
        try (TrainingExampleStore again = TrainingExampleStore.openIfComplete(dir).orElseThrow()) {
            assertEquals(memory.fingerprint(), again.fingerprint());
        }
        // a data file cut short (a crash while copying, a full disk) is not read as complete
        try (RandomAccessFile data = new RandomAccessFile(dir.resolve("examples.bin").toFile(), "rw")) {
            data.setLength(data.length() - 3);
        }
        assertTrue(TrainingExampleStore.openIfComplete(dir).isEmpty());

        TrainingExampleStore.Writer scattered = TrainingExampleStore.create(temp.resolve("bad"));
        scattered.add(new TrainingExample("a", "s", "t"));
        scattered.add(new TrainingExample("b", "s", "t"));
        assertThrows(IllegalArgumentException.class, () -> scattered.add(new TrainingExample("a", "s", "t")));
        scattered.close();
        assertTrue(TrainingExampleStore.openIfComplete(temp.resolve("bad")).isEmpty());
    }
}
