package org.imlbench.hf.hub;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One repository's folder in the Hugging Face cache, laid out as huggingface_hub does so caches are shared with
 * Python tools: {@code models--<owner>--<name>/refs/<revision>} holds a commit hash,
 * {@code snapshots/<commit>/<file>} are symlinks to {@code blobs/<etag>}, {@code blobs/<etag>.incomplete} is a
 * download in progress and {@code .no_exist/<commit>/<file>} records that the hub has no such file.
 */
final class HubCache {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path repoDir;

    /**
     * @param cacheDir the hub cache root
     * @param repo the repository id, e.g. facebook/opt-125m
     */
    HubCache(Path cacheDir, String repo) {
        this.repoDir = cacheDir.resolve("models--" + repo.replace("/", "--"));
    }

    /** @return the repository's folder */
    Path repoDir() {
        return repoDir;
    }

    /**
     * @param revision a branch or tag
     * @return the commit the cache last saw for it
     * @throws IOException when the ref cannot be read
     */
    Optional<String> commitOf(String revision) throws IOException {
        Path ref = refFile(revision);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
        return checkName(commit) ? Optional.of(commit) : Optional.empty();
    }

    /**
     * @param revision a branch or tag
     * @param commit the commit it points to
     * @throws IOException when the ref cannot be written
     */
    void writeRef(String revision, String commit) throws IOException {
        Path ref = refFile(revision);
        Files.createDirectories(ref.getParent());
        Path temp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
        Files.writeString(temp, commit, StandardCharsets.UTF_8);
        move(temp, ref);
    }

    Path refFile(String revision) {
        return repoDir.resolve("refs").resolve(revision);
    }

    Path snapshotDir(String commit) {
        return repoDir.resolve("snapshots").resolve(commit);
    }

    Path snapshotFile(String commit, String file) {
        return snapshotDir(commit).resolve(file);
    }

    Path blob(String etag) {
        return repoDir.resolve("blobs").resolve(etag);
    }

    Path incomplete(String etag) {
        return repoDir.resolve("blobs").resolve(etag + ".incomplete");
    }

    /**
     * @param commit a commit
     * @param file a file name
     * @return whether the cache recorded that the hub has no such file at that commit
     */
    boolean knownMissing(String commit, String file) {
        return Files.exists(repoDir.resolve(".no_exist").resolve(commit).resolve(file));
    }

    void markMissing(String commit, String file) throws IOException {
        Path marker = repoDir.resolve(".no_exist").resolve(commit).resolve(file);
        Files.createDirectories(marker.getParent());
        if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
    }

    /**
     * Takes the inter-process lock huggingface_hub also takes ({@code .locks/models--…/<etag>.lock}), so two
     * processes never append to the same {@code .incomplete} file.
     *
     * @param cacheDir the cache root
     * @param etag the blob about to be downloaded
     * @return the held lock; close it to release
     * @throws IOException when the lock file cannot be opened
     */
    Closeable lockBlob(Path cacheDir, String etag) throws IOException {
        Path lockFile = cacheDir.resolve(".locks").resolve(repoDir.getFileName()).resolve(etag + ".lock");
        Files.createDirectories(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.lock();
            return () -> {
                lock.release();
                channel.close();
            };
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Moves a finished download into {@code blobs/<etag>}.
     *
     * @param incomplete the downloaded file
     * @param etag its etag
     * @throws IOException when it cannot be moved
     */
    void completeBlob(Path incomplete, String etag) throws IOException {
        move(incomplete, blob(etag));
    }

    /**
     * Points {@code snapshots/<commit>/<file>} at {@code blobs/<etag>} with a relative symlink, or copies the blob
     * where the file system has no symlinks.
     *
     * @param commit the snapshot's commit
     * @param file the file name
     * @param etag the blob
     * @return the snapshot file
     * @throws IOException when the link cannot be made
     */
    Path link(String commit, String file, String etag) throws IOException {
        Path target = snapshotFile(commit, file);
        Files.createDirectories(target.getParent());
        Path blob = blob(etag);
        Files.deleteIfExists(target);
        try {
            Files.createSymbolicLink(target, target.getParent().relativize(blob));
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * @param name a commit or etag from the network
     * @return whether it is safe as a path component
     */
    static boolean checkName(String name) {
        return SAFE_NAME.matcher(name).matches() && !name.startsWith(".");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
