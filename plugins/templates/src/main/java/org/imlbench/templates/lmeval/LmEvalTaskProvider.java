package org.imlbench.templates.lmeval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.imlbench.api.DownloadableDataSet;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.OptionKey;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskProblem;
import org.imlbench.api.TaskSink;
import org.imlbench.api.TaskSource;
import org.imlbench.api.TaskSourceInfo;
import org.imlbench.templates.data.DataOptions;
import org.imlbench.templates.data.DatasetFiles;
import org.imlbench.templates.split.DefaultSplit;
import org.imlbench.templates.yaml.YamlFiles;

/**
 * {@code --tasks lm-eval=PATH}: lm-evaluation-harness task YAML (one file, or a folder read recursively) over datasets
 * exported to local files ({@code --task-option data=DIR}, see {@link DatasetFiles}). Each file with a {@code task}
 * name is one task ({@link LmEvalTaskReader}); a file with a {@code group} and a {@code task} list names the group of
 * those tasks; files without {@code task} are include bases. A task that needs Python code or an unsupported key is
 * refused with the file and the key ({@code --skip-bad-tasks} skips and lists it).
 */
public final class LmEvalTaskProvider implements TaskCategoryProvider {
    /** {@code category-from=tag|group|task|folder}. */
    public static final OptionKey<String> CATEGORY_FROM = OptionKey.choice("category-from",
            "an lm-eval task's category: its first tag, the group listing it, its task name, or its folder (a "
                    + "'category' key in the YAML wins)", "tag", "tag", "group", "task", "folder");

    /** Prompts as lm-evaluation-harness builds them, unless {@code --format} says otherwise. */
    @Override
    public Optional<String> defaultFormat() {
        return Optional.of("lm-eval");
    }

    /** lm-evaluation-harness's task files at the commit this provider is checked against (docs/tasks.md). */
    @Override
    public List<DownloadableDataSet> dataSets() {
        return List.of(new DownloadableDataSet(name(), "lm-evaluation-harness: all of lm_eval/tasks (task YAML and the "
                + "files it includes), as DIR/tasks", "EleutherAI/lm-evaluation-harness",
                "4e7e0d47f33bc71070c1d38394bafbb52b117163", List.of("lm_eval/tasks/**/*"), "lm_eval", "tasks",
                "the tasks read their datasets from files: export them and add --task-option data=DIR (docs/tasks.md, "
                        + "lm-eval=PATH)"));
    }

    @Override
    public String name() {
        return "lm-eval";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "lm-evaluation-harness task YAML over exported datasets: --tasks lm-eval=FILE|DIR "
                + "--task-option data=DIR";
    }

    @Override
    public List<OptionKey<?>> declaredOptions() {
        return List.of(DataOptions.DATA, DataOptions.TRAINING_DOCS, CATEGORY_FROM);
    }

    @Override
    public TaskSourceInfo read(TaskSource source, TaskSink sink) throws TaskLoadException {
        Path root = source.requirePath();
        DatasetFiles data = new DatasetFiles(source.options().get(DataOptions.DATA).toAbsolutePath());
        String categoryFrom = source.options().get(CATEGORY_FROM);
        if (!Files.isDirectory(data.root())) {
            throw new TaskLoadException(data.root().toString(), "data folder (--task-option data=DIR) does not exist");
        }
        Map<Path, Map<String, Object>> files = readAll(root, source.skipBadTasks(), sink);
        Map<String, String> groupOf = groups(files);
        LmEvalTaskReader reader = new LmEvalTaskReader(source.options().get(DataOptions.TRAINING_DOCS));
        DefaultSplit split = new DefaultSplit();
        Map<String, Path> defined = new HashMap<>();
        int loaded = 0;
        for (Map.Entry<Path, Map<String, Object>> file : files.entrySet()) {
            Map<String, Object> values = file.getValue();
            if (!(values.get("task") instanceof String name)) {
                continue; // a group file, or an include base
            }
            Task task;
            try {
                Path previous = defined.putIfAbsent(name, file.getKey());
                if (previous != null) {
                    throw new TaskLoadException(file.getKey().toString(), "task '" + name + "' is also defined in "
                            + previous);
                }
                LmEvalConfig config = LmEvalConfig.of(file.getKey(), values);
                String category = category(config, categoryFrom, groupOf);
                task = reader.read(config, data, category);
                split.add(category, config.datasetPath(), config.datasetName());
            } catch (TaskLoadException e) {
                if (!source.skipBadTasks()) {
                    throw e;
                }
                sink.skipped(problem(e));
                continue;
            }
            sink.accept(task);
            loaded++;
        }
        if (loaded == 0 && defined.isEmpty()) {
            throw new TaskLoadException(root.toString(), "no lm-eval task (a YAML file with a 'task' name)");
        }
        return TaskSourceInfo.withSplitSpec(split.json());
    }

    /** Every *.yaml file under the root, in path order, with its includes merged. */
    private static Map<Path, Map<String, Object>> readAll(Path root, boolean skip, TaskSink sink)
            throws TaskLoadException {
        List<Path> paths;
        if (Files.isRegularFile(root)) {
            paths = List.of(root);
        } else if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                        .sorted().toList();
            } catch (IOException e) {
                throw new TaskLoadException(root.toString(), "cannot list: " + e, e);
            }
        } else {
            throw new TaskLoadException(root.toString(), "no such file or folder");
        }
        Map<Path, Map<String, Object>> out = new LinkedHashMap<>();
        for (Path path : paths) {
            try {
                out.put(path, YamlFiles.readWithIncludes(path));
            } catch (TaskLoadException e) {
                if (!skip) {
                    throw e;
                }
                sink.skipped(problem(e));
            }
        }
        return out;
    }

    /** Task name → the group that lists it (lm-eval group files: a {@code group} name and a {@code task} list). */
    private static Map<String, String> groups(Map<Path, Map<String, Object>> files) {
        Map<String, String> out = new HashMap<>();
        for (Map<String, Object> values : files.values()) {
            Object group = values.get("group");
            if (group instanceof String name && values.get("task") instanceof List<?> members) {
                for (Object member : members) {
                    Object task = member instanceof Map<?, ?> inline ? inline.get("task") : member;
                    if (task instanceof String t) {
                        out.putIfAbsent(t, name);
                    }
                }
            }
        }
        return out;
    }

    private static String category(LmEvalConfig config, String from, Map<String, String> groupOf) {
        if (config.category() != null && !config.category().isBlank()) {
            return config.category();
        }
        String tag = config.tags().isEmpty() ? null : config.tags().get(0);
        String group = groupOf.get(config.task());
        Path parent = config.file().toAbsolutePath().getParent();
        String folder = parent == null || parent.getFileName() == null ? config.task()
                : parent.getFileName().toString();
        List<String> order = switch (from) {
            case "group" -> listOf(group, tag, folder);
            case "task" -> listOf(config.task());
            case "folder" -> listOf(folder);
            default -> listOf(tag, group, folder);
        };
        return order.stream().filter(c -> c != null && !c.isBlank()).findFirst().orElse(config.task());
    }

    private static List<String> listOf(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(v);
        }
        return out;
    }

    private static TaskProblem problem(TaskLoadException e) {
        String prefix = e.file() + ": ";
        String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return new TaskProblem(e.file(), message);
    }
}
