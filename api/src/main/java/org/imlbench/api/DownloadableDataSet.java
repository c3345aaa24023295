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
 * @param files the files to get, relative to the repository's root: {@code folder/NAME} takes the files of the folder
 *     whose names match {@code NAME} ({@code *} for any characters), {@code folder/**}{@code /NAME} those of the
 *     folder and all its sub-folders
 * @param root the repository folder the downloaded folder stands for ({@code ""}: the repository's root); every file
 *     lies in the downloaded folder at its path below it, so that the folder has the layout the task source reads
 * @param tasksFolder the folder under the downloaded folder that {@code --tasks KIND=...} names ({@code ""}: itself)
 * @param note what else the task source needs to read the folder, printed after the {@code --tasks} argument
 *     ({@code ""}: nothing)
 */
public record DownloadableDataSet(String name, String description, String repository, String commit,
                                  List<String> files, String root, String tasksFolder, String note) {
    /** Checks for nulls and copies the list. */
    public DownloadableDataSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(tasksFolder, "tasksFolder");
        Objects.requireNonNull(note, "note");
        files = List.copyOf(files);
    }

    /**
     * A data set whose files keep their paths from the repository's root, read by {@code --tasks KIND=DIR}.
     *
     * @param name the name on the command line
     * @param description what it holds, one line
     * @param repository the GitHub repository, {@code owner/name}
     * @param commit the full 40-hex commit id
     * @param files the file patterns
     */
    public DownloadableDataSet(String name, String description, String repository, String commit,
                               List<String> files) {
        this(name, description, repository, commit, files, "", "", "");
    }
}
