package org.imlbench.harness.data;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the files of a data set come from: GitHub itself, or a mirror of a data folder. */
public interface Origin {
    /**
     * Lists the data set's files with their sizes and blob ids.
     *
     * @param set the data set
     * @param json fetches and parses JSON documents
     * @return the listing
     * @throws IOException when it cannot be fetched, or describes another repository or commit
     */
    Manifest listing(DataSet set, JsonFetcher json) throws IOException;

    /**
     * @param set the data set
     * @param path a file's path in the repository
     * @return where to download it
     */
    URI file(DataSet set, String path);

    /**
     * @param base a URL
     * @param path a path below it, segments separated by {@code /}
     * @return the URL of the path, each segment percent-encoded
     */
    static URI resolve(String base, String path) {
        StringBuilder url = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        for (String segment : path.split("/")) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return URI.create(url.toString());
    }
}
