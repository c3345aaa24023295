package org.imlbench.torchrun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.imlbench.api.TuningConfig;
import org.imlbench.hf.tokenizer.ByteTokenizer;
import org.imlbench.tuningdata.ExampleEncoder;
import org.imlbench.tuningdata.TrainingBatch;
import org.imlbench.tuningdata.TrainingPool;
import org.imlbench.tuningdata.WindowStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DATA directory holds exactly the windows of the shared data path, in the trainer's layout. */
class TrainingDataTest {
    private static final int PAD = 1;
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path temp;

    private static TrainingPool pool(TuningConfig config) {
        return new TrainingPool(TinyRuns.examples(), new ExampleEncoder(new ByteTokenizer()), config.maxSeqLen());
    }

    private TrainingData.Written prepare(TuningConfig config, int shardSteps) throws IOException {
        TrainerRequest request = new TrainerRequest(temp.resolve("base"), temp.resolve("out"), config, PAD, "float32",
                false, TrainerRequest.layout(config.steps(), shardSteps));
        TrainingPool pool = pool(config);
        return TrainingData.prepare(temp.resolve("out/data"), request, pool, pool.fingerprint(config, "base"), json);
    }

    @Test
    void shardsHoldTheWindowsOfTheSharedStreamStepByStep() throws IOException {
        TuningConfig config = TinyRuns.recipe(7).maxSeqLen(40).build();
        TrainingData.Written written = prepare(config, 3);
        assertFalse(written.reused());

        WindowStream reference = WindowStream.of(pool(config), config);
        long tokens = 0;
        int step = 0;
        for (String shard : List.of("shard-00000", "shard-00001", "shard-00002")) {
            NpyFiles ids = NpyFiles.read(written.dir().resolve(shard + ".input_ids.npy"));
            NpyFiles segments = NpyFiles.read(written.dir().resolve(shard + ".segment_ids.npy"));
            NpyFiles labels = NpyFiles.read(written.dir().resolve(shard + ".labels.npy"));
            int steps = (int) ids.shape()[0];
            assertArrayEquals(new long[] {steps, 4, 40}, ids.shape());
            for (int s = 0; s < steps; s++, step++) {
                TrainingBatch batch = TrainingBatch.of(reference.next(4), PAD);
                tokens += batch.realTokens();
                List<Integer> lossPositions = new ArrayList<>();
                for (int r = 0; r < 4; r++) {
                    int[] expectedIds = Arrays.copyOf(batch.inputIds()[r], 40);
                    Arrays.fill(expectedIds, batch.length(), 40, PAD);
                    assertArrayEquals(expectedIds, ids.row(s, r), "step " + (step + 1) + " row " + r);
                    assertArrayEquals(Arrays.copyOf(batch.segmentIds()[r], 40), segments.row(s, r));
                    int[] rowLabels = labels.row(s, r);
                    for (int j = 0; j < 40; j++) {
                        if (rowLabels[j] != TrainingData.IGNORED) {
                            lossPositions.add(r * batch.length() + j);
                            assertEquals(ids.row(s, r)[j + 1], rowLabels[j], "a label is the next token");
                        }
                    }
                }
                assertArrayEquals(batch.lossIndex(), lossPositions.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        assertEquals(7, step);
        assertEquals(tokens, written.tokens());

        JsonNode request = json.readTree(written.dir().resolve("request.json").toFile());
        assertEquals("imlbench-torchrun/1", request.get("format").asText());
        assertEquals(3e-3, request.get("recipe").get("lr").asDouble());
        assertEquals(7, request.get("recipe").get("seed").asLong());
        assertEquals(List.of(1, 4, 7), request.get("shards").findValues("first_step").stream()
                .map(JsonNode::asInt).toList());
        assertEquals(List.of(3, 3, 1), request.get("shards").findValues("steps").stream()
                .map(JsonNode::asInt).toList());
    }

    @Test
    void theSameRequestIsReusedAndAnotherReplacesIt() throws IOException {
        TuningConfig config = TinyRuns.recipe(4).maxSeqLen(40).build();
        TrainingData.Written first = prepare(config, 2);
        Path shard = first.dir().resolve("shard-00000.labels.npy");
        Files.setLastModifiedTime(shard, FileTime.fromMillis(1_000));

        TrainingData.Written again = prepare(config.toBuilder().checkpointEvery(0).build(), 2);
        assertTrue(again.reused());
        assertEquals(first.fingerprint(), again.fingerprint());
        assertEquals(first.tokens(), again.tokens());
        assertEquals(FileTime.fromMillis(1_000), Files.getLastModifiedTime(shard), "not written again");

        TrainingData.Written other = prepare(config.toBuilder().learningRate(1e-3).build(), 2);
        assertFalse(other.reused());
        assertFalse(other.fingerprint().equals(first.fingerprint()));
        assertEquals(1e-3, json.readTree(other.dir().resolve("request.json").toFile()).get("recipe").get("lr")
                .asDouble());
        try (Stream<Path> left = Files.list(temp.resolve("out"))) {
            assertEquals(List.of("data"), left.map(p -> p.getFileName().toString()).toList(),
                    "no temporary directories are left behind");
        }
    }
}
