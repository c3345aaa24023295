package org.imlbench.reports.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so that readers see either the old or the new content, never a half-written one. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes bytes: to a temporary file in the same directory, then moved over the target atomically.
     *
     * @param target the file
     * @param content its new content
     * @throws IOException when it cannot be written
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes UTF-8 text atomically.
     *
     * @param target the file
     * @param text its new content
     * @throws IOException when it cannot be written
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
