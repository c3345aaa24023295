package org.imlbench.harness.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a downloaded data set holds: the repository and commit it comes from, the repository folder the data folder
 * stands for and, for every file, its size and git blob id (the SHA-1 of {@code "blob <size>\0"} followed by its
 * bytes, as in a GitHub tree listing), against which each downloaded file is checked. {@code harness data get} writes
 * it last, as {@value #FILE}, into the folder it fills; served over HTTP, such a folder is a mirror for
 * {@code --from URL}.
 *
 * @param dataSet the data set's name
 * @param repository the GitHub repository, {@code owner/name}
 * @param commit the commit the files are taken at
 * @param root the repository folder the data folder stands for ({@code ""}: the repository's root); each file lies
 *     in the data folder at its path below it
 * @param files every file
 */
public record Manifest(String dataSet, String repository, String commit, String root, List<Manifest.File> files) {
    /** The manifest's file name in a data folder or mirror. */
    public static final String FILE = "imlbench-data.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One file.
     *
     * @param path its path relative to the repository's root, with {@code /}
     * @param size its size in bytes
     * @param sha1 its git blob id
     */
    public record File(String path, long size, String sha1) {
        /** Checks the fields: a path that could leave the data folder is refused. */
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha1, "sha1");
            if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0")
                    || List.of(path.split("/")).stream()
                            .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
                throw new IllegalArgumentException("unsafe file path in a data listing: " + path);
            }
            if (size < 0 || !sha1.matches("[0-9a-f]{40}")) {
                throw new IllegalArgumentException("bad size or blob id for " + path + ": " + size + ", " + sha1);
            }
        }
    }

    /** Copies the list; a manifest without a root (written before there were roots) has the repository's root. */
    public Manifest {
        root = root == null ? "" : root;
        files = List.copyOf(files);
    }

    /** @return how many bytes the files take */
    public long bytes() {
        return files.stream().mapToLong(File::size).sum();
    }

    /**
     * @param file a manifest file
     * @return it
     * @throws IOException when it cannot be read or is not a manifest
     */
    public static Manifest read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), Manifest.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IOException(file + ": not a data manifest: " + e.getMessage(), e);
        }
    }

    /** @return the manifest as JSON */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a manifest", e);
        }
    }
}
