package org.imlbench.templates.promptsource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.imlbench.api.TaskLoadException;
import org.imlbench.templates.data.DatasetFiles;
import org.imlbench.templates.yaml.YamlFiles;

/**
 * A PromptSource {@code templates.yaml}: the dataset (and subset) it is for and its templates, sorted by name.
 *
 * @param file the file
 * @param dataset the Hugging Face dataset, e.g. {@code super_glue}
 * @param subset its configuration, e.g. {@code rte}, or null
 * @param templates the templates
 */
public record PromptSourceFile(Path file, String dataset, String subset, List<PromptSourceTemplate> templates) {
    /** Copies the list. */
    public PromptSourceFile {
        templates = List.copyOf(templates);
    }

    /**
     * @param file a {@code templates.yaml}
     * @return its templates
     * @throws TaskLoadException naming the file when it is not a PromptSource template file
     */
    public static PromptSourceFile read(Path file) throws TaskLoadException {
        Object document = YamlFiles.read(file);
        if (!(document instanceof Map<?, ?> root) || !(root.get("dataset") instanceof String dataset)
                || !(root.get("templates") instanceof Map<?, ?> templates)) {
            throw new TaskLoadException(file.toString(), "not a PromptSource template file (needs 'dataset' and "
                    + "'templates')");
        }
        Object subset = root.get("subset");
        DatasetFiles.checkName(file.toString(), "dataset", dataset);
        DatasetFiles.checkName(file.toString(), "subset", subset == null ? null : String.valueOf(subset));
        List<PromptSourceTemplate> out = new ArrayList<>();
        for (Map.Entry<?, ?> entry : templates.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> t) || !(t.get("jinja") instanceof String jinja)
                    || !(t.get("name") instanceof String name)) {
                throw new TaskLoadException(file.toString(), "template " + entry.getKey()
                        + " needs 'name' and 'jinja'");
            }
            Map<?, ?> metadata = t.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
            List<String> metrics = new ArrayList<>();
            if (metadata.get("metrics") instanceof List<?> list) {
                list.forEach(x -> metrics.add(String.valueOf(x)));
            }
            Object choices = t.get("answer_choices");
            out.add(new PromptSourceTemplate(String.valueOf(t.get("id") == null ? entry.getKey() : t.get("id")), name,
                    jinja, choices == null ? null : String.valueOf(choices),
                    Boolean.TRUE.equals(metadata.get("original_task")),
                    Boolean.TRUE.equals(metadata.get("choices_in_prompt")), metrics));
        }
        out.sort(Comparator.comparing(PromptSourceTemplate::name));
        return new PromptSourceFile(file, dataset, subset == null ? null : String.valueOf(subset), out);
    }
}
