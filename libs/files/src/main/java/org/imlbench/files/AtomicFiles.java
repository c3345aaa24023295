package org.imlbench.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader, or a run resumed after {@code kill -9} or a power cut, sees either the old content
 * or the complete new content, never a torn file: the content goes to a temporary file beside the target, is forced
 * to disk, and is renamed over the target; then the directory entry is forced too. Without the two forces a crash
 * shortly after the rename can leave an empty or truncated file under the final name on common file systems.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with UTF-8 text atomically.
     *
     * @param target the file to write
     * @param content its new content
     * @throws IOException when the file cannot be written; the message names it
     */
    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code target} with {@code content} atomically.
     *
     * @param target the file to write
     * @param content its new content
     * @throws IOException when the file cannot be written; the message names it
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            // inside the try: a directory that cannot be created or written to is named with the reason too
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveReplacing(temp, target);
        } catch (IOException e) {
            throw IoErrors.naming(target, "cannot write", e);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Renames {@code source} over {@code target} (a file, or an empty or absent directory), atomically where the file
     * system allows, and forces the directory entry to disk.
     *
     * @param source the complete new file or directory, in the same directory as {@code target}
     * @param target its final name
     * @throws IOException when it cannot be moved
     */
    public static void moveReplacing(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // e.g. some network file systems: a plain replacing move is the best they offer
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Forces a directory's entries to disk, so that a rename into it survives a crash. File systems that cannot open
     * a directory for this (Windows) are left alone: there the rename itself is durable.
     *
     * @param dir the directory
     */
    public static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort by design: see above
        }
    }
}
