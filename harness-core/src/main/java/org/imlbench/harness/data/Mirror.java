package org.imlbench.harness.data;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A mirror: an HTTP(S) URL serving a data folder as {@code harness data get} leaves it, i.e. {@value Manifest#FILE},
 * whose repository, commit and root must be the pinned ones, and the files at their paths in the data folder.
 *
 * @param base the mirror's URL
 */
record Mirror(String base) implements Origin {
    @Override
    public Manifest listing(DataSet set, JsonFetcher json) throws IOException {
        URI url = Origin.resolve(base, Manifest.FILE);
        Manifest manifest = JsonFetcher.convert(json.get(url, Manifest.FILE), Manifest.class);
        if (!set.repository().equals(manifest.repository()) || !set.commit().equals(manifest.commit())) {
            throw new IOException(url + ": the mirror holds " + manifest.repository() + " at " + manifest.commit()
                    + ", not " + set.repository() + " at " + set.commit());
        }
        if (!set.root().equals(manifest.root())) {
            throw new IOException(url + ": the mirror's files lie below the repository folder '" + manifest.root()
                    + "', this data set's below '" + set.root() + "'");
        }
        // only what the data set is made of, whatever else the mirror lists (patterns parsed once, not per file)
        List<DataSet.Pattern> patterns = set.patterns();
        return new Manifest(set.name(), manifest.repository(), manifest.commit(), manifest.root(), manifest.files()
                .stream().filter(f -> patterns.stream().anyMatch(p -> p.takes(f.path()))).toList());
    }

    @Override
    public URI file(DataSet set, String path) {
        return Origin.resolve(base, set.localPath(path));
    }
}
