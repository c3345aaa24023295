package org.imlbench.testkit;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real file system that fills up: a tmpfs of a few kilobytes mounted on a fresh directory, for tests of what a full
 * disk does to a writer. Mounting needs root (or CAP_SYS_ADMIN); where it is not allowed the test is skipped, so
 * pair it with a test that simulates the failure.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /**
     * @param parent where to create the mount point (a test's temporary directory)
     * @param kilobytes the file system's size
     * @return the mounted disk; close it to unmount
     * @throws IOException when the mount point cannot be created
     */
    public static SmallDisk mount(Path parent, int kilobytes) throws IOException {
        Path point = Files.createDirectories(parent.resolve("small-disk"));
        String failure = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs",
                point.toString()));
        if (failure != null) {
            abort("cannot mount a tmpfs here (needs root): " + failure);
        }
        return new SmallDisk(point);
    }

    /** @return the mounted directory */
    public Path root() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException {
        String failure = run(List.of("umount", mountPoint.toString()));
        if (failure != null) {
            throw new IOException("cannot unmount " + mountPoint + ": " + failure);
        }
    }

    /** @return null on success, else what went wrong */
    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + " did not finish";
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + output;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
