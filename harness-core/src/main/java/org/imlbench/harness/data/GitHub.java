package org.imlbench.harness.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub itself: the listing from its REST API's git trees (walked from the commit's root tree into each folder of
 * the data set, one request per folder level), the files from {@code raw.githubusercontent.com} at the commit.
 *
 * @param api the REST API's base URL ({@code https://api.github.com})
 * @param raw the raw files' base URL ({@code https://raw.githubusercontent.com})
 */
record GitHub(String api, String raw) implements Origin {
    /** The public GitHub. */
    static final GitHub PUBLIC = new GitHub("https://api.github.com", "https://raw.githubusercontent.com");

    @Override
    public Manifest listing(DataSet set, JsonFetcher json) throws IOException {
        List<Manifest.File> files = new ArrayList<>();
        for (DataSet.Pattern pattern : set.patterns()) {
            String tree = set.commit();
            for (String folder : pattern.folder().split("/")) {
                tree = entries(set, tree, json).stream()
                        .filter(e -> e.path("path").asText().equals(folder) && e.path("type").asText().equals("tree"))
                        .map(e -> e.path("sha").asText()).findFirst()
                        .orElseThrow(() -> new IOException(set.repository() + " at " + set.commit() + " has no folder "
                                + pattern.folder()));
            }
            for (JsonNode entry : entries(set, tree, json)) {
                String name = entry.path("path").asText();
                if (entry.path("type").asText().equals("blob") && pattern.matches(name)) {
                    try {
                        files.add(new Manifest.File(pattern.folder() + "/" + name, entry.path("size").asLong(-1),
                                entry.path("sha").asText()));
                    } catch (IllegalArgumentException e) {
                        throw new IOException(set.repository() + ": unexpected listing entry: " + e.getMessage(), e);
                    }
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException(set.repository() + " at " + set.commit() + " has no file matching " + set.files());
        }
        return new Manifest(set.name(), set.repository(), set.commit(), files);
    }

    private List<JsonNode> entries(DataSet set, String tree, JsonFetcher json) throws IOException {
        URI url = URI.create(api + "/repos/" + set.repository() + "/git/trees/" + tree);
        JsonNode listing = json.get(url, "the listing of " + set.repository());
        JsonNode entries = listing.path("tree");
        if (!entries.isArray()) {
            throw new IOException(url + ": not a git tree listing (no \"tree\" list)");
        }
        if (listing.path("truncated").asBoolean(false)) {
            throw new IOException(url + ": GitHub truncated the listing");
        }
        List<JsonNode> out = new ArrayList<>();
        entries.forEach(out::add);
        return out;
    }

    @Override
    public URI file(DataSet set, String path) {
        return Origin.resolve(raw + "/" + set.repository() + "/" + set.commit(), path);
    }
}
