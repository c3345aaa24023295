package org.imlbench.templates.promptsource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.imlbench.api.DownloadableDataSet;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Instance;
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
import org.imlbench.templates.jinja.TemplateException;
import org.imlbench.templates.split.DefaultSplit;

/**
 * {@code --tasks promptsource=DIR}: PromptSource template files ({@code DIR/<dataset>[/<subset>]/templates.yaml}, or
 * one such file) over the same exported datasets as {@code lm-eval} ({@code --task-option data=DIR}). One task per
 * (dataset, template), with one instance per document of the split {@code --task-option split=NAME} (default
 * {@code validation}, ids {@code 0}, {@code 1}, ...) and then, when it was exported, of {@code training-split=NAME}
 * (default {@code train}, ids {@code train-0}, ..., at most {@code training-docs}) whose template gives a target:
 * the template's input part, its target part as the reference, and its answer choices as options when the target is
 * one of them. The category is the dataset's cluster ({@code clusters.tsv}), else the dataset's name.
 */
public final class PromptSourceTaskProvider implements TaskCategoryProvider {
    /** The task id prefix and {@link Task#source()}. */
    public static final String SOURCE = "promptsource";
    /** {@code templates=NAME,...}. */
    public static final OptionKey<List<String>> TEMPLATES = OptionKey.list("templates",
            "PromptSource templates to use, by name or id (default: all)", List.of());
    /** {@code split=NAME}. */
    public static final OptionKey<String> SPLIT = OptionKey.text("split",
            "the dataset split a PromptSource task evaluates (its documents are the first instances)", "validation");
    /** {@code training-split=NAME}. */
    public static final OptionKey<String> TRAINING_SPLIT = OptionKey.text("training-split",
            "the dataset split whose documents follow as a PromptSource task's further instances, when exported",
            "train");
    /** {@code original-task=true}. */
    public static final OptionKey<Boolean> ORIGINAL_TASK = OptionKey.flag("original-task",
            "only PromptSource templates that ask for the dataset's own task (metadata.original_task)", false);

    /** Prompts as PromptSource builds them, unless {@code --format} says otherwise. */
    @Override
    public Optional<String> defaultFormat() {
        return Optional.of("promptsource");
    }

    /** PromptSource's template files at the commit this provider is checked against (docs/tasks.md). */
    @Override
    public List<DownloadableDataSet> dataSets() {
        return List.of(new DownloadableDataSet(name(), "PromptSource: every templates.yaml, as "
                + "DIR/<dataset>/<subset>/templates.yaml", "bigscience-workshop/promptsource",
                "7dab96a3eeb3717cea633705135ebc488885d709", List.of("promptsource/templates/**/templates.yaml"),
                "promptsource/templates", "", "the templates read their datasets from files: export them and add "
                        + "--task-option data=DIR (docs/tasks.md, promptsource=DIR)"));
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "PromptSource templates over exported datasets: --tasks promptsource=DIR --task-option data=DIR";
    }

    @Override
    public List<OptionKey<?>> declaredOptions() {
        return List.of(DataOptions.DATA, DataOptions.TRAINING_DOCS, TEMPLATES, SPLIT, TRAINING_SPLIT,
                ORIGINAL_TASK);
    }

    @Override
    public TaskSourceInfo read(TaskSource source, TaskSink sink) throws TaskLoadException {
        Path root = source.requirePath();
        DatasetFiles data = new DatasetFiles(source.options().get(DataOptions.DATA).toAbsolutePath());
        if (!Files.isDirectory(data.root())) {
            throw new TaskLoadException(data.root().toString(), "data folder (--task-option data=DIR) does not exist");
        }
        Set<String> wanted = new HashSet<>(source.options().get(TEMPLATES));
        String split = source.options().get(SPLIT);
        String trainingSplit = source.options().get(TRAINING_SPLIT);
        int trainingDocs = source.options().get(DataOptions.TRAINING_DOCS);
        boolean originalOnly = source.options().get(ORIGINAL_TASK);
        PromptSourceRenderer renderer = new PromptSourceRenderer();
        DefaultSplit spec = new DefaultSplit();
        Set<String> used = new HashSet<>();
        int tasks = 0;
        for (Path file : files(root)) {
            PromptSourceFile templates;
            List<Map<String, Object>> docs;
            List<Map<String, Object>> training = List.of();
            try {
                templates = PromptSourceFile.read(file);
                if (templates.templates().stream().noneMatch(t -> selected(t, wanted, originalOnly, used))) {
                    continue;
                }
                docs = data.read(templates.dataset(), templates.subset(), split);
                if (!trainingSplit.equals(split) && trainingDocs > 0
                        && data.find(templates.dataset(), templates.subset(), trainingSplit).isPresent()) {
                    training = data.read(templates.dataset(), templates.subset(), trainingSplit);
                    training = training.subList(0, Math.min(training.size(), trainingDocs));
                }
            } catch (TaskLoadException e) {
                skipOrThrow(source, sink, e);
                continue;
            }
            String category = spec.clusters().of(templates.dataset(), templates.subset()).orElse(templates.dataset());
            Set<String> ids = new HashSet<>();
            for (PromptSourceTemplate template : templates.templates()) {
                if (!selected(template, wanted, originalOnly, used)) {
                    continue;
                }
                Task task;
                try {
                    task = task(renderer, templates, template, List.of(new Split(split, "", docs),
                            new Split(trainingSplit, trainingSplit + "-", training)), category, ids);
                } catch (TaskLoadException e) {
                    skipOrThrow(source, sink, e);
                    continue;
                }
                spec.add(category, templates.dataset(), templates.subset());
                sink.accept(task);
                tasks++;
            }
        }
        Set<String> unknown = new HashSet<>(wanted);
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new TaskLoadException(root.toString(), "no template named " + String.join(", ", unknown.stream()
                    .sorted().toList()) + " (--task-option templates)");
        }
        if (tasks == 0 && !source.skipBadTasks()) {
            throw new TaskLoadException(root.toString(), "no PromptSource template (templates.yaml) found");
        }
        return TaskSourceInfo.withSplitSpec(spec.json());
    }

    private static boolean selected(PromptSourceTemplate t, Set<String> wanted, boolean originalOnly,
                                    Set<String> used) {
        if (originalOnly && !t.originalTask()) {
            return false;
        }
        if (wanted.isEmpty()) {
            return true;
        }
        boolean match = false;
        for (String key : List.of(t.name(), t.id())) {
            if (wanted.contains(key)) {
                used.add(key);
                match = true;
            }
        }
        return match;
    }

    /** The documents of one split, and the prefix of their instance ids. */
    private record Split(String name, String prefix, List<Map<String, Object>> docs) {
    }

    private static Task task(PromptSourceRenderer renderer, PromptSourceFile file, PromptSourceTemplate template,
                             List<Split> splits, String category, Set<String> ids) throws TaskLoadException {
        String key = key(file, template);
        List<Instance> instances = new ArrayList<>();
        for (Split split : splits) {
            for (int i = 0; i < split.docs().size(); i++) {
                PromptSourceRenderer.Applied applied;
                try {
                    applied = renderer.apply(template, split.docs().get(i), seed(key, split.prefix() + i));
                } catch (TemplateException e) {
                    throw new TaskLoadException(file.file().toString(), e.getMessage() + " (split '" + split.name()
                            + "', document " + (i + 1) + ")", e);
                }
                if (applied.parts().size() < 2 || applied.parts().get(1).isEmpty()) {
                    continue; // PromptSource gives no target for this document (e.g. an unlabelled test example)
                }
                String target = applied.parts().get(1);
                List<String> options = applied.choices() != null && applied.choices().contains(target)
                        ? applied.choices() : List.of();
                instances.add(new Instance(split.prefix() + i, applied.parts().get(0), List.of(target), options,
                        Map.of()));
            }
        }
        if (instances.isEmpty()) {
            throw new TaskLoadException(file.file().toString(), "template '" + template.name()
                    + "' gives no target for any document of split '" + splits.get(0).name() + "'");
        }
        String id = SOURCE + "/" + file.dataset() + (file.subset() == null ? "" : "/" + file.subset()) + "/"
                + slug(template.name());
        if (!ids.add(id)) {
            id = id + "-" + template.id().substring(0, Math.min(8, template.id().length()));
            ids.add(id);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(PromptSourceAttributes.TEMPLATE_ID, template.id());
        attributes.put(PromptSourceAttributes.TEMPLATE_NAME, template.name());
        attributes.put(PromptSourceAttributes.FILE, file.file().toString());
        attributes.put(PromptSourceAttributes.ORIGINAL_TASK, Boolean.toString(template.originalTask()));
        attributes.put(PromptSourceAttributes.CHOICES_IN_PROMPT, Boolean.toString(template.choicesInPrompt()));
        attributes.put(PromptSourceAttributes.METRICS, String.join(",", template.metrics()));
        return new Task(id, category, SOURCE, "", List.of(), instances, attributes);
    }

    /** The task key both imlbench and the parity script seed draws with: {@code dataset[/subset]/template name}. */
    static String key(PromptSourceFile file, PromptSourceTemplate template) {
        return file.dataset() + (file.subset() == null ? "" : "/" + file.subset()) + "/" + template.name();
    }

    /** The seed of a document's random draws: CRC-32 of {@code <key>/<instance id>} (stable across runs). */
    static long seed(String key, String index) {
        CRC32 crc = new CRC32();
        crc.update((key + "/" + index).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        return slug.isEmpty() ? "template" : slug;
    }

    private static List<Path> files(Path root) throws TaskLoadException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            throw new TaskLoadException(root.toString(), "no such file or folder");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals("templates.yaml") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new TaskLoadException(root.toString(), "cannot list: " + e, e);
        }
    }

    private static void skipOrThrow(TaskSource source, TaskSink sink, TaskLoadException e) throws TaskLoadException {
        if (!source.skipBadTasks()) {
            throw e;
        }
        String prefix = e.file() + ": ";
        sink.skipped(new TaskProblem(e.file(), e.getMessage().startsWith(prefix)
                ? e.getMessage().substring(prefix.length()) : e.getMessage()));
    }
}
