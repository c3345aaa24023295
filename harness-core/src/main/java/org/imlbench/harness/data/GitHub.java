package org.imlbench.harness.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub itself: the listing from its REST API's git trees, the files from {@code raw.githubusercontent.com} at the
 * commit. Each pattern's folder is found by walking from the commit's root tree (one request per folder level); a
 * recursive pattern then lists the folder's whole subtree in one request ({@code ?recursive=1}), and where GitHub
 * truncates that listing (over 100,000 entries or 7 MB), the folder's own entries are listed and each sub-folder is
 * listed recursively in turn, as GitHub's documentation advises.
 *
 * @param api the REST API's base URL ({@code https://api.github.com})
 * @param raw the raw files' base URL ({@code https://raw.githubusercontent.com})
 */
record GitHub(String api, String raw) implements Origin {
    /** The public GitHub. */
    static final GitHub PUBLIC = new GitHub("https://api.github.com", "https://raw.githubusercontent.com");

    @Override
    public Manifest listing(DataSet set, JsonFetcher json) throws IOException {
        Listings listings = new Listings(set, json);
        // by path: two patterns may take the same file
        Map<String, Manifest.File> files = new LinkedHashMap<>();
        for (DataSet.Pattern pattern : set.patterns()) {
            String tree = set.commit();
            for (String folder : pattern.folder().split("/")) {
                tree = listings.entries(tree).stream()
                        .filter(e -> e.path("path").asText().equals(folder) && e.path("type").asText().equals("tree"))
                        .map(e -> e.path("sha").asText()).findFirst()
                        .orElseThrow(() -> new IOException(set.repository() + " at " + set.commit() + " has no folder "
                                + pattern.folder()));
            }
            if (pattern.recursive()) {
                addRecursively(listings, pattern, pattern.folder(), tree, files);
            } else {
                add(set, pattern, pattern.folder(), listings.entries(tree), files);
            }
        }
        if (files.isEmpty()) {
            throw new IOException(set.repository() + " at " + set.commit() + " has no file matching " + set.files());
        }
        return new Manifest(set.name(), set.repository(), set.commit(), set.root(), List.copyOf(files.values()));
    }

    private static void addRecursively(Listings listings, DataSet.Pattern pattern, String folder, String tree,
                                       Map<String, Manifest.File> files) throws IOException {
        JsonNode listing = listings.recursive(tree);
        if (!listing.path("truncated").asBoolean(false)) {
            add(listings.set, pattern, folder, listing.path("tree"), files);
            return;
        }
        for (JsonNode entry : listings.entries(tree)) {
            String path = folder + "/" + entry.path("path").asText();
            if (entry.path("type").asText().equals("tree")) {
                addRecursively(listings, pattern, path, entry.path("sha").asText(), files);
            } else {
                add(listings.set, pattern, folder, List.of(entry), files);
            }
        }
    }

    /** Adds the blobs among a tree's entries (paths relative to {@code folder}) that the pattern takes. */
    private static void add(DataSet set, DataSet.Pattern pattern, String folder, Iterable<JsonNode> entries,
                            Map<String, Manifest.File> files) throws IOException {
        for (JsonNode entry : entries) {
            String path = folder + "/" + entry.path("path").asText();
            if (entry.path("type").asText().equals("blob") && pattern.takes(path)) {
                try {
                    files.putIfAbsent(path, new Manifest.File(path, entry.path("size").asLong(-1),
                            entry.path("sha").asText()));
                } catch (IllegalArgumentException e) {
                    throw new IOException(set.repository() + ": unexpected listing entry: " + e.getMessage(), e);
                }
            }
        }
    }

    /** The tree listings of one data set's repository, each fetched once. */
    private final class Listings {
        private final DataSet set;
        private final JsonFetcher json;
        private final Map<String, List<JsonNode>> trees = new HashMap<>();

        Listings(DataSet set, JsonFetcher json) {
            this.set = set;
            this.json = json;
        }

        /** A tree's own entries; a truncated listing is an error, since it has no sub-folders to list instead. */
        List<JsonNode> entries(String tree) throws IOException {
            List<JsonNode> cached = trees.get(tree);
            if (cached != null) {
                return cached;
            }
            URI url = URI.create(api + "/repos/" + set.repository() + "/git/trees/" + tree);
            JsonNode listing = fetch(url);
            if (listing.path("truncated").asBoolean(false)) {
                throw new IOException(url + ": GitHub truncated the listing");
            }
            List<JsonNode> out = new ArrayList<>();
            listing.path("tree").forEach(out::add);
            trees.put(tree, out);
            return out;
        }

        /** A tree's whole subtree, paths relative to it; {@code truncated} says whether it is complete. */
        JsonNode recursive(String tree) throws IOException {
            return fetch(URI.create(api + "/repos/" + set.repository() + "/git/trees/" + tree + "?recursive=1"));
        }

        private JsonNode fetch(URI url) throws IOException {
            JsonNode listing = json.get(url, "the listing of " + set.repository());
            if (!listing.path("tree").isArray()) {
                throw new IOException(url + ": not a git tree listing (no \"tree\" list)");
            }
            return listing;
        }
    }

    @Override
    public URI file(DataSet set, String path) {
        return Origin.resolve(raw + "/" + set.repository() + "/" + set.commit(), path);
    }
}
