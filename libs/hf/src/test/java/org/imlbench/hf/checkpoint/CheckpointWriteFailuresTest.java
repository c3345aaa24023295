package org.imlbench.hf.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.imlbench.testkit.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint that cannot be written (a full disk) names the file being written and the reason, and leaves the
 * directory as it was: no half-written checkpoint, no temporary directory.
 */
class CheckpointWriteFailuresTest {
    @TempDir
    Path tmp;

    @Test
    void aFullDiskNamesTheWeightsFile() throws IOException {
        OptConfig config = CheckpointWriterTest.tinyConfig();
        try (SmallDisk disk = SmallDisk.mount(tmp, 8)) {
            Path model = disk.root().resolve("tuning").resolve("model");
            IOException e = assertThrows(IOException.class, () -> new CheckpointWriter(config).write(model,
                    CheckpointWriterTest.randomTensors(config, 1)));
            assertEquals(model.resolve("model.safetensors") + ": cannot write: No space left on device",
                    e.getMessage());
            assertLeftNothing(model);
        }
    }

    /** The same failure where no small disk can be mounted: the tensor source fails as a full disk does. */
    @Test
    void aSimulatedFullDiskNamesTheWeightsFile() throws IOException {
        OptConfig config = CheckpointWriterTest.tinyConfig();
        Path model = tmp.resolve("tuning").resolve("model");
        Map<String, long[]> shapes = new LinkedHashMap<>(ExpectedTensors.of(config));
        IOException e = assertThrows(IOException.class, () -> new CheckpointWriter(config).write(model, shapes,
                name -> {
                    throw new FileSystemException(null, null, "No space left on device");
                }));
        assertEquals(model.resolve("model.safetensors") + ": cannot write: No space left on device", e.getMessage());
        assertLeftNothing(model);
    }

    private static void assertLeftNothing(Path model) throws IOException {
        assertFalse(Files.exists(model));
        try (Stream<Path> left = Files.list(model.getParent())) {
            assertEquals(List.of(), left.toList());
        }
    }
}
