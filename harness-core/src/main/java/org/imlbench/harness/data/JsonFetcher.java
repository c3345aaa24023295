package org.imlbench.harness.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imlbench.hf.hub.ResumableDownload;

/** Fetches small JSON documents (listings) through the same resumable downloads as the data files. */
final class JsonFetcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResumableDownload downloads;
    private final Path scratch;

    /**
     * @param downloads the downloads
     * @param scratch a folder for the documents while they arrive
     */
    JsonFetcher(ResumableDownload downloads, Path scratch) {
        this.downloads = downloads;
        this.scratch = scratch;
    }

    /**
     * @param url a JSON document
     * @param name what it is, for messages
     * @return its tree
     * @throws IOException when it cannot be fetched or parsed
     */
    JsonNode get(URI url, String name) throws IOException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "listing-", ".json");
        try {
            Files.delete(file);
            downloads.fetch(url, name, file, -1);
            try {
                return JSON.readTree(file.toFile());
            } catch (JacksonException e) {
                throw new IOException(url + ": " + name + " is not JSON: " + e.getOriginalMessage(), e);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Reads a tree as a value.
     *
     * @param node the tree
     * @param type the value's class
     * @param <T> its type
     * @return the value
     * @throws IOException when the tree does not fit the class
     */
    static <T> T convert(JsonNode node, Class<T> type) throws IOException {
        try {
            return JSON.treeToValue(node, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IOException("unexpected listing: " + e.getMessage(), e);
        }
    }
}
