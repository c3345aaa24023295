package org.imlbench.tasks.bbh;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSink;
import org.imlbench.api.TaskSource;
import org.imlbench.api.TaskSourceInfo;
import org.imlbench.tasks.io.FolderLoader;
import org.imlbench.tasks.io.Json;
import org.imlbench.tasks.io.Resources;
import org.imlbench.tasks.io.StrictText;

/**
 * {@code --tasks bbh=DIR}: BIG-Bench Hard. Reads {@code DIR/bbh/*.json} (or {@code DIR/*.json} without a {@code bbh}
 * folder) and the matching {@code DIR/cot-prompts/<stem>.txt}.
 *
 * <p>Task id {@code bbh/<stem>}, instance id {@code <stem>/<0-based index>}, category {@value #CATEGORY} (BBH is an
 * evaluation-only benchmark; its suggested split holds the whole category out). An input with an {@code Options:}
 * block becomes an option instance when its target is one of the options; otherwise a generation instance. The
 * chain-of-thought prompt (without its canary header) is the task attribute {@link Task#ATTR_COT_PROMPT}, its
 * description line the instruction and its exemplars the task's demonstrations (output = the reasoning ending in
 * "So the answer is X.").
 */
public final class BbhTaskProvider implements TaskCategoryProvider {
    /** The category of every BBH task. */
    public static final String CATEGORY = "BIG-Bench Hard";
    private final Json json = new Json();

    @Override
    public String name() {
        return "bbh";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "BIG-Bench Hard: --tasks bbh=DIR (DIR/bbh/*.json, DIR/cot-prompts/*.txt)";
    }

    @Override
    public TaskSourceInfo read(TaskSource source, TaskSink sink) throws TaskLoadException {
        Path dir = source.requirePath();
        Path tasksDir = Files.isDirectory(dir.resolve("bbh")) ? dir.resolve("bbh") : dir;
        Path promptsDir = dir.resolve("cot-prompts");
        List<Path> files = FolderLoader.list(tasksDir, ".json");
        if (files.isEmpty()) {
            throw new TaskLoadException(tasksDir.toString(), "no *.json task files");
        }
        FolderLoader.load(files, file -> read(file, promptsDir), source.skipBadTasks(), sink);
        return TaskSourceInfo.withSplitSpec(Resources.text(BbhTaskProvider.class, "bbh-split.json"));
    }

    private Task read(Path file, Path promptsDir) throws TaskLoadException {
        String name = file.toString();
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        JsonNode examples = json.parse(name, StrictText.read(file)).get("examples");
        if (examples == null || !examples.isArray()) {
            throw new TaskLoadException(name, "missing \"examples\" list");
        }
        if (examples.isEmpty()) {
            throw new TaskLoadException(name, "\"examples\" is empty");
        }
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            JsonNode example = examples.get(i);
            String id = stem + "/" + i;
            if (!example.path("input").isTextual() || !example.path("target").isTextual()) {
                throw new TaskLoadException(name, "instance " + id + ": needs text \"input\" and \"target\"");
            }
            String input = example.get("input").asText();
            String target = example.get("target").asText();
            List<String> options = OptionsBlock.parse(input);
            if (!options.contains(target)) {
                options = List.of();
            }
            instances.add(new Instance(id, input, List.of(target), options, Map.of()));
        }
        String instruction = "";
        List<org.imlbench.api.Demonstration> demonstrations = List.of();
        Map<String, String> attributes = new HashMap<>();
        Path promptFile = promptsDir.resolve(stem + ".txt");
        if (Files.isRegularFile(promptFile)) {
            try {
                CotPrompt prompt = CotPrompt.parse(StrictText.read(promptFile));
                instruction = prompt.description();
                demonstrations = prompt.exemplars();
                attributes.put(Task.ATTR_COT_PROMPT, prompt.text());
            } catch (IllegalArgumentException e) {
                throw new TaskLoadException(promptFile.toString(), e.getMessage(), e);
            }
        }
        return new Task("bbh/" + stem, CATEGORY, "bbh", instruction, demonstrations, instances, attributes);
    }
}
