package org.imlbench.harness.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.imlbench.api.DownloadableDataSet;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.UsageException;
import org.imlbench.harness.plugins.PluginRegistry;

/**
 * A public data set that {@code harness data get} downloads: the files of some folders of a GitHub repository at a
 * pinned commit. Each comes from the task source that reads it ({@link TaskCategoryProvider#dataSets()}), so that the
 * harness names no task source.
 *
 * @param name the name on the command line ({@code harness data get NAME})
 * @param description what it holds
 * @param repository the GitHub repository, {@code owner/name}
 * @param commit the full commit id the files are taken at
 * @param files the files to get: {@code folder/*.suffix} patterns, folders relative to the repository's root
 * @param tasks the task source kind that reads the downloaded folder ({@code --tasks KIND=DIR})
 */
public record DataSet(String name, String description, String repository, String commit, List<String> files,
                      String tasks) {
    /** Checks the fields. */
    public DataSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repository, "repository");
        files = List.copyOf(files);
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("data set " + name + ": repository must be owner/name: " + repository);
        }
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("data set " + name + ": commit must be a full 40-hex id: " + commit);
        }
        for (String pattern : files) {
            Pattern.parse(pattern);
        }
    }

    /**
     * A {@code folder/*.suffix} file pattern.
     *
     * @param folder the folder, relative to the repository's root, without a trailing slash
     * @param suffix the file name suffix, e.g. {@code .json}
     */
    public record Pattern(String folder, String suffix) {
        static Pattern parse(String pattern) {
            int star = pattern.lastIndexOf("/*");
            if (star <= 0 || pattern.indexOf('*') != star + 1) {
                throw new IllegalArgumentException("file pattern must be folder/*.suffix: " + pattern);
            }
            return new Pattern(pattern.substring(0, star), pattern.substring(star + 2));
        }

        /**
         * @param name a file name in the folder
         * @return whether the pattern takes it
         */
        public boolean matches(String name) {
            return name.endsWith(suffix) && !name.contains("/");
        }
    }

    /** @return the file patterns, parsed */
    public List<Pattern> patterns() {
        return files.stream().map(Pattern::parse).toList();
    }

    /** @return the repository's owner */
    public String owner() {
        return repository.substring(0, repository.indexOf('/'));
    }

    /** @return the repository's name without its owner */
    public String repositoryName() {
        return repository.substring(repository.indexOf('/') + 1);
    }

    /**
     * @param plugins the discovered plugins
     * @return every data set the task sources offer, by name
     * @throws IllegalStateException when two task sources offer data sets of the same name
     * @throws IllegalArgumentException naming the data set when a task source describes one wrongly
     */
    public static Map<String, DataSet> catalog(PluginRegistry plugins) {
        Map<String, DataSet> out = new TreeMap<>();
        for (TaskCategoryProvider provider : plugins.all(TaskCategoryProvider.class)) {
            for (DownloadableDataSet set : provider.dataSets()) {
                DataSet previous = out.put(set.name(), new DataSet(set.name(), set.description(), set.repository(),
                        set.commit(), set.files(), provider.name()));
                if (previous != null) {
                    throw new IllegalStateException("data set '" + set.name() + "' is offered by the task sources "
                            + previous.tasks() + " and " + provider.name());
                }
            }
        }
        return out;
    }

    /**
     * @param plugins the discovered plugins
     * @param name a data set's name
     * @return that data set
     * @throws UsageException naming the known ones when there is none by that name
     */
    public static DataSet named(PluginRegistry plugins, String name) {
        Map<String, DataSet> catalog = catalog(plugins);
        DataSet set = catalog.get(name);
        if (set == null) {
            throw new UsageException("no data set named '" + name + "'; known: " + String.join(", ", catalog.keySet()));
        }
        return set;
    }
}
