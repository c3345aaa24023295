package org.imlbench.harness.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.imlbench.files.AtomicFiles;
import org.imlbench.files.FileTrees;
import org.imlbench.harness.run.ConsoleProgress;
import org.imlbench.hf.hub.ResumableDownload;

/**
 * Fills a folder with a data set: lists its files at the pinned commit, downloads each one that is missing or
 * differs into {@code .partial/} (resuming what an interrupted run left there), checks its size and git blob id, and
 * moves it into place, at its path below the data set's root folder; the manifest is written last. A file that fails
 * its check is deleted and the download stops with an error naming it; files already in place and correct cost no
 * request.
 */
public final class DataDownload {
    /** The folder, inside the data folder, where files arrive before they are checked. */
    public static final String PARTIAL = ".partial";
    /** Added to the name of a file while it waits in {@value #PARTIAL}. */
    public static final String PART_SUFFIX = ".part";

    private final ResumableDownload downloads;
    private final ConsoleProgress progress;

    /**
     * @param downloads the downloads
     * @param progress draws the progress bar
     */
    public DataDownload(ResumableDownload downloads, ConsoleProgress progress) {
        this.downloads = downloads;
        this.progress = progress;
    }

    /** What a download did. */
    public record Outcome(Manifest manifest, int downloaded, int present) {
    }

    /**
     * @param set the data set
     * @param origin where its files come from
     * @param dir the folder to fill
     * @return the manifest and counts
     * @throws IOException when a file cannot be listed, downloaded or checked; the message names it
     */
    public Outcome get(DataSet set, Origin origin, Path dir) throws IOException {
        Path partial = dir.resolve(PARTIAL);
        Manifest manifest = origin.listing(set, new JsonFetcher(downloads, partial));
        int downloaded = 0;
        int present = 0;
        try (ConsoleProgress.Bar bar = progress.start(set.name(), manifest.files().size(), "file")) {
            for (Manifest.File file : manifest.files()) {
                bar.message(file.path());
                String local = set.localPath(file.path());
                Path target = dir.resolve(local);
                if (Files.isRegularFile(target) && Files.size(target) == file.size()
                        && blobId(target).equals(file.sha1())) {
                    present++;
                } else {
                    Path part = partialFile(dir, local);
                    downloads.fetch(origin.file(set, file.path()), file.path(), part, file.size());
                    String actual = blobId(part);
                    if (!actual.equals(file.sha1())) {
                        Files.delete(part);
                        throw new IOException("integrity check failed for " + file.path() + ": its git blob id is "
                                + actual + ", the listing of " + set.repository() + " at " + set.commit() + " says "
                                + file.sha1() + " (the download was deleted; run the command again)");
                    }
                    Files.createDirectories(target.getParent());
                    AtomicFiles.moveReplacing(part, target);
                    downloaded++;
                }
                bar.stepBy(1);
            }
        }
        AtomicFiles.writeString(dir.resolve(Manifest.FILE), manifest.toJson());
        if (Files.isDirectory(partial) && isEmptyTree(partial)) {
            FileTrees.deleteTree(partial);
        }
        return new Outcome(manifest, downloaded, present);
    }

    /**
     * Where a file waits until it is checked: below {@value #PARTIAL}, with {@value #PART_SUFFIX} added, so that a
     * task source reading the data folder recursively never takes a partial file for one of its own.
     *
     * @param dir the data folder
     * @param local the file's path in the data folder
     * @return its partial file
     */
    public static Path partialFile(Path dir, String local) {
        return dir.resolve(PARTIAL).resolve(local + PART_SUFFIX);
    }

    private static boolean isEmptyTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.noneMatch(Files::isRegularFile);
        }
    }

    /**
     * @param file a file
     * @return its git blob id: the SHA-1 of {@code "blob <size>\0"} and its bytes
     * @throws IOException when it cannot be read
     */
    public static String blobId(Path file) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        sha1.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha1.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha1.digest());
    }
}
