package org.imlbench.tasks.bbh;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Demonstration;
import org.imlbench.api.DownloadableDataSet;
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
    public List<DownloadableDataSet> dataSets() {
        return List.of(new DownloadableDataSet(name(), "BIG-Bench Hard: the task files and the chain-of-thought "
                + "prompts", "suzgunmirac/BIG-Bench-Hard", "9ee07bd481feebf959a6b59d61ea57bdcf30964d",
                List.of("bbh/*.json", "cot-prompts/*.txt")));
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
        List<Instance> instances = null;
        try (JsonParser parser = json.open(file)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new TaskLoadException(name, "empty file");
            }
            if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("examples") && value == JsonToken.START_ARRAY) {
                        instances = examples(parser, name, stem);
                    } else {
                        instances = field.equals("examples") ? null : instances;
                        parser.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            throw json.readError(file, e);
        }
        if (instances == null) {
            throw new TaskLoadException(name, "missing \"examples\" list");
        }
        if (instances.isEmpty()) {
            throw new TaskLoadException(name, "\"examples\" is empty");
        }
        String instruction = "";
        List<Demonstration> demonstrations = List.of();
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

    /** Reads the {@code examples} list, the parser on its opening bracket, one instance per entry. */
    private static List<Instance> examples(JsonParser parser, String name, String stem) throws IOException,
            TaskLoadException {
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            String id = stem + "/" + i;
            String input = null;
            String target = null;
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    parser.skipChildren();
                    if (field.equals("input")) {
                        input = text;
                    } else if (field.equals("target")) {
                        target = text;
                    }
                }
            } else {
                parser.skipChildren();
            }
            if (input == null || target == null) {
                throw new TaskLoadException(name, "instance " + id + ": needs text \"input\" and \"target\"");
            }
            List<String> options = OptionsBlock.parse(input);
            if (!options.contains(target)) {
                options = List.of();
            }
            instances.add(new Instance(id, input, List.of(target), options, Map.of()));
        }
        return instances;
    }
}
