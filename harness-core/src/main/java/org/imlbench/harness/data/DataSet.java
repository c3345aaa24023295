package org.imlbench.harness.data;

import java.nio.file.Path;
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
 * @param root the repository folder that the data folder stands for ({@code ""}: the repository's root): each file
 *     lies in the data folder at its path below this folder, so that the folder has the layout its task source reads
 * @param files the files to get: {@link Pattern}s, relative to the repository's root, all below {@code root}
 * @param tasks the task source kind that reads the downloaded folder ({@code --tasks KIND=DIR})
 * @param tasksFolder the folder under the data folder that {@code --tasks} names ({@code ""}: the data folder)
 * @param note what else the task source needs to read the folder, printed after the {@code --tasks} argument; or
 *     null
 */
public record DataSet(String name, String description, String repository, String commit, String root,
                      List<String> files, String tasks, String tasksFolder, String note) {
    /** Checks the fields. */
    public DataSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commit, "commit");
        root = root == null ? "" : root;
        tasksFolder = tasksFolder == null ? "" : tasksFolder;
        files = List.copyOf(files);
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("data set " + name + ": repository must be owner/name: " + repository);
        }
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("data set " + name + ": commit must be a full 40-hex id: " + commit);
        }
        if (!root.isEmpty()) {
            Pattern.checkFolder(root, root);
        }
        if (!tasksFolder.isEmpty()) {
            Pattern.checkFolder(tasksFolder, tasksFolder);
        }
        for (String file : files) {
            Pattern pattern = Pattern.parse(file);
            if (!root.isEmpty() && !(pattern.folder() + "/").startsWith(root + "/")) {
                throw new IllegalArgumentException("data set " + name + ": file pattern " + file + " is not below "
                        + "the root " + root);
            }
        }
    }


    /**
     * A file pattern: {@code folder/NAME} takes the files of the folder itself whose names match {@code NAME};
     * {@code folder/**}{@code /NAME} those of the folder and all its sub-folders. In {@code NAME}, {@code *} stands
     * for any run of characters ({@code *.json}, {@code templates.yaml}, {@code *} for every file).
     *
     * @param folder the folder, relative to the repository's root, without a trailing slash
     * @param recursive whether files in sub-folders count
     * @param name the file name, with {@code *} wildcards
     */
    public record Pattern(String folder, boolean recursive, String name) {
        private static final String ANY_DEPTH = "/**";

        /** Checks the fields. */
        public Pattern {
            String pattern = folder + (recursive ? ANY_DEPTH : "") + "/" + name;
            checkFolder(folder, pattern);
            if (name.isEmpty() || name.contains("/") || name.contains("**")) {
                throw new IllegalArgumentException("file pattern must be folder/NAME or folder/**/NAME, with * in "
                        + "NAME only: " + pattern);
            }
        }

        /**
         * @param pattern {@code folder/NAME} or {@code folder/**}{@code /NAME}
         * @return it, parsed
         * @throws IllegalArgumentException when it is neither
         */
        public static Pattern parse(String pattern) {
            int slash = pattern.lastIndexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("file pattern must be folder/NAME or folder/**/NAME: " + pattern);
            }
            String folder = pattern.substring(0, slash);
            boolean recursive = folder.endsWith(ANY_DEPTH);
            return new Pattern(recursive ? folder.substring(0, folder.length() - ANY_DEPTH.length()) : folder,
                    recursive, pattern.substring(slash + 1));
        }

        /** A folder path: segments without wildcards, none empty, {@code .} or {@code ..}. */
        static void checkFolder(String folder, String context) {
            for (String segment : folder.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("*")
                        || segment.contains("\\")) {
                    throw new IllegalArgumentException("not a folder path (no wildcards, empty, '.' or '..' "
                            + "segments): '" + folder + "' in " + context);
                }
            }
        }

        /**
         * @param path a file's path relative to the repository's root
         * @return whether the pattern takes it
         */
        public boolean takes(String path) {
            return path.startsWith(folder + "/") && matches(path.substring(folder.length() + 1));
        }

        /**
         * @param relative a file's path relative to the pattern's folder
         * @return whether the pattern takes it
         */
        public boolean matches(String relative) {
            int slash = relative.lastIndexOf('/');
            return (recursive || slash < 0) && glob(name, relative.substring(slash + 1));
        }

        /** Whether a file name matches a name with {@code *} wildcards (leftmost matching suffices for {@code *}). */
        private static boolean glob(String glob, String fileName) {
            String[] parts = glob.split("\\*", -1);
            if (parts.length == 1) {
                return fileName.equals(glob);
            }
            if (!fileName.startsWith(parts[0])) {
                return false;
            }
            int at = parts[0].length();
            for (int i = 1; i < parts.length - 1; i++) {
                int found = fileName.indexOf(parts[i], at);
                if (found < 0) {
                    return false;
                }
                at = found + parts[i].length();
            }
            String last = parts[parts.length - 1];
            return fileName.length() - last.length() >= at && fileName.endsWith(last);
        }

        @Override
        public String toString() {
            return folder + (recursive ? ANY_DEPTH : "") + "/" + name;
        }
    }

    /** @return the file patterns, parsed */
    public List<Pattern> patterns() {
        return files.stream().map(Pattern::parse).toList();
    }

    /**
     * @param path a file's path relative to the repository's root, below {@link #root()}
     * @return where it lies in the data folder: its path below the root
     */
    public String localPath(String path) {
        if (root.isEmpty()) {
            return path;
        }
        if (!path.startsWith(root + "/")) {
            throw new IllegalArgumentException(path + " is not below " + root);
        }
        return path.substring(root.length() + 1);
    }

    /**
     * @param dir the data folder
     * @return the {@code --tasks} argument that reads it
     */
    public String tasksArgument(Path dir) {
        return tasks + "=" + (tasksFolder.isEmpty() ? dir : dir.resolve(tasksFolder));
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
                        set.commit(), set.root(), set.files(), provider.name(), set.tasksFolder(),
                        set.note().isEmpty() ? null : set.note()));
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
