package org.imlbench.hf.hub;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What the hub says about one file at one revision.
 *
 * @param commit the commit the revision resolved to ({@code X-Repo-Commit})
 * @param etag the blob's id ({@code X-Linked-Etag} for LFS files, which is their sha256, else {@code ETag})
 * @param size the file size when the hub states it ({@code X-Linked-Size})
 */
record FileMetadata(String commit, String etag, OptionalLong size) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** @return whether the etag is a sha256 of the content, which the download is then checked against */
    boolean etagIsSha256() {
        return SHA256.matcher(etag).matches();
    }
}
