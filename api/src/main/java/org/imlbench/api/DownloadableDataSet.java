package org.imlbench.api;

import java.util.List;
import java.util.Objects;

/**
 * A public data set that a task source reads and that {@code harness data get NAME --out DIR} downloads: the files of
 * some folders of a GitHub repository at a pinned commit. The task source that lists it
 * ({@link TaskCategoryProvider#dataSets()}) reads the downloaded folder: {@code --tasks KIND=DIR}, KIND being its
 * name. The harness checks the fields when it lists the data sets.
 *
 * @param name the name on the command line ({@code harness data get NAME})
 * @param description what it holds, one line
 * @param repository the GitHub repository, {@code owner/name}
 * @param commit the full 40-hex commit id the files are taken at
 * @param files the files to get: {@code folder/*.suffix} patterns, folders relative to the repository's root
 */
public record DownloadableDataSet(String name, String description, String repository, String commit,
                                  List<String> files) {
    /** Checks for nulls and copies the list. */
    public DownloadableDataSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commit, "commit");
        files = List.copyOf(files);
    }
}
