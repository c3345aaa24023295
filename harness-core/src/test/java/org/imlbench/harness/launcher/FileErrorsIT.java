package org.imlbench.harness.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.imlbench.testkit.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk or a read-only output directory ends the command with one line naming the file and the reason. */
class FileErrorsIT {
    @TempDir
    Path temp;

    @Test
    void aFullDiskWhileTuningNamesTheFile() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(temp, 64)) {
            Launcher.Result result = Launcher.locate().run("tune", "--steps", "1", "--out",
                    disk.root().resolve("tuned").toString());
            assertEquals(1, result.exitCode(), result.toString());
            List<String> lines = result.errLines();
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("error: " + disk.root().resolve("tuned")) && last.endsWith(
                    ": No space left on device"), result.toString());
        }
    }

    @Test
    void aReadOnlyOutputDirectoryNamesTheFileAndTheReason() throws Exception {
        Path out = Files.createDirectory(temp.resolve("read-only"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            try {
                Files.delete(Files.createFile(out.resolve("probe")));
                abort("this process writes into read-only directories (root): permissions cannot be tested here; "
                        + "WriteFailuresTest and MainTest check the message through simulated failures");
            } catch (AccessDeniedException expected) {
                // permissions are enforced: go on
            }
            Launcher.Result result = Launcher.locate().run(Map.of(), "eval", "--task-option", "instances=2",
                    "--out", out.toString(), "--no-html");
            assertEquals(1, result.exitCode(), result.toString());
            String last = result.errLines().get(result.errLines().size() - 1);
            assertTrue(last.startsWith("error: " + out) && last.endsWith("permission denied"), result.toString());
        } finally {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
