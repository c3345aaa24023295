package org.imlbench.tasks.niv2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.DownloadableDataSet;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.OptionKey;
import org.imlbench.api.SourceSplitRole;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSink;
import org.imlbench.api.TaskSource;
import org.imlbench.api.TaskSourceInfo;
import org.imlbench.tasks.io.FolderLoader;
import org.imlbench.tasks.io.Resources;

/**
 * {@code --tasks niv2=DIR}: Super-NaturalInstructions. Reads {@code DIR/tasks/task*.json} (or {@code DIR/task*.json}
 * when there is no {@code tasks} folder) and, when present, the split lists {@code DIR/splits/<name>/
 * {train,test,excluded}_tasks.txt} (split name from {@code --task-option split=NAME}, default {@code default}), which
 * tag each task with the attribute {@value #ATTR_SPLIT} and, for the test and excluded lists, with the
 * {@link SourceSplitRole} the harness honours when the split spec's {@code useSourceSplitRoles} is on (test tasks are
 * held out, excluded ones dropped). All instances are read; the official evaluation's "first 100 instances of each
 * test task" is applied by the split spec, not here.
 */
public final class Niv2TaskProvider implements TaskCategoryProvider {
    /** Task attribute: which NIv2 split list names the task ({@code train}, {@code test} or {@code excluded}). */
    public static final String ATTR_SPLIT = "niv2-split";
    /** {@code --task-option split=NAME}: the folder under {@code DIR/splits/} holding the split lists. */
    static final OptionKey<String> SPLIT = OptionKey.text("split",
            "the folder under DIR/splits/ with train/test/excluded_tasks.txt", "default");
    /** Task attribute: all of the task's categories, joined by {@code "; "}. */
    public static final String ATTR_CATEGORIES = "niv2-categories";
    /** Task attribute: the task's {@code Negative Examples} as a JSON array. */
    public static final String ATTR_NEGATIVE_EXAMPLES = "niv2-negative-examples";

    @Override
    public String name() {
        return "niv2";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "Super-NaturalInstructions task files: --tasks niv2=DIR (DIR/tasks/task*.json, DIR/splits/default)";
    }

    @Override
    public List<OptionKey<?>> declaredOptions() {
        return List.of(SPLIT);
    }

    @Override
    public List<DownloadableDataSet> dataSets() {
        return List.of(new DownloadableDataSet(name(), "Super-NaturalInstructions: every task file and the default "
                + "split lists", "allenai/natural-instructions", "e0fd31052b21acea5bd95fb00253e1ee1f5d8259",
                List.of("tasks/*.json", "splits/default/*.txt")));
    }

    @Override
    public TaskSourceInfo read(TaskSource source, TaskSink sink) throws TaskLoadException {
        Path dir = source.requirePath();
        Path tasksDir = Files.isDirectory(dir.resolve("tasks")) ? dir.resolve("tasks") : dir;
        List<Path> files = FolderLoader.list(tasksDir, ".json").stream()
                .filter(p -> p.getFileName().toString().startsWith("task")).toList();
        if (files.isEmpty()) {
            throw new TaskLoadException(tasksDir.toString(), "no task*.json files");
        }
        String splitName = source.options().get(SPLIT);
        Niv2TaskReader reader = new Niv2TaskReader(readSplitLists(dir.resolve("splits").resolve(splitName)));
        FolderLoader.load(files, reader::read, source.skipBadTasks(), sink);
        return TaskSourceInfo.withSplitSpec(Resources.text(Niv2TaskProvider.class, "niv2-split.json"));
    }

    /**
     * @param splitList the split list naming a task: {@code train}, {@code test} or {@code excluded}
     * @return what that list means to the harness: test tasks are held out, excluded ones dropped
     */
    static Optional<SourceSplitRole> roleOf(String splitList) {
        return switch (splitList) {
            case "test" -> Optional.of(SourceSplitRole.HELD_OUT);
            case "excluded" -> Optional.of(SourceSplitRole.EXCLUDED);
            default -> Optional.empty();
        };
    }

    private static Map<String, String> readSplitLists(Path splitDir) throws TaskLoadException {
        Map<String, String> splitOf = new HashMap<>();
        for (String split : List.of("train", "test", "excluded")) {
            Path list = splitDir.resolve(split + "_tasks.txt");
            if (!Files.isRegularFile(list)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(list)) {
                    String task = line.strip();
                    if (!task.isEmpty() && !task.startsWith("#")) {
                        splitOf.putIfAbsent(task, split);
                    }
                }
            } catch (IOException e) {
                throw new TaskLoadException(list.toString(), "cannot read split list: " + e, e);
            }
        }
        return splitOf;
    }
}
