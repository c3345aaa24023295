package org.imlbench.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.imlbench.testkit.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write says which file and why, and leaves neither a torn file nor a temporary one behind. */
class WriteFailuresTest {
    @TempDir
    Path tmp;

    @Test
    void aFullDiskNamesTheFileAndTheReason() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(tmp, 64)) {
            Path target = disk.root().resolve("run").resolve("samples.jsonl");
            AtomicFiles.writeString(target, "kept");
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[256 << 10]));
            assertEquals(target + ": cannot write: No space left on device", e.getMessage());
            assertEquals("kept", Files.readString(target), "the old content survives");
            try (Stream<Path> files = Files.list(target.getParent())) {
                assertEquals(1, files.count(), "no temporary file is left behind");
            }
        }
    }

    @Test
    void aReadOnlyDirectoryNamesTheFileAndTheReason() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path probe = dir.resolve("probe");
            try {
                Files.createFile(probe);
                Files.delete(probe);
                abort("this process writes into read-only directories (root): permissions cannot be tested here");
            } catch (AccessDeniedException expected) {
                // permissions are enforced: go on
            }
            Path target = dir.resolve("run.json");
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "{}"));
            assertEquals(target + ": cannot write: permission denied", e.getMessage());
            assertFalse(Files.exists(target));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** What the two tests above see, simulated, so that the messages are checked where neither can run. */
    @Test
    void failuresWithoutAPathOrWithoutAReasonGetBoth() {
        Path file = tmp.resolve("tuning/model/model.safetensors");
        assertEquals(file + ": cannot write: No space left on device", IoErrors.naming(file, "cannot write",
                new FileSystemException(null, null, "No space left on device")).getMessage());
        assertEquals(file + ": cannot write: No space left on device", IoErrors.naming(file, "cannot write",
                new IOException("No space left on device")).getMessage());
        assertEquals(file + ": cannot write: permission denied", IoErrors.naming(file, "cannot write",
                new AccessDeniedException(file.toString())).getMessage());
        FileSystemException complete = new FileSystemException(file.toString(), null, "Read-only file system");
        assertSame(complete, IoErrors.naming(file, "cannot write", complete));
        IOException named = new IOException(file + ": tensor 'a' has 3 values and shape [2]");
        assertSame(named, IoErrors.naming(file, "cannot write", named), "a message that names the file is kept");
        assertTrue(IoErrors.naming(file, "cannot write", new IOException("disk quota exceeded")).getCause() != null);
    }
}
