package org.imlbench.templates.coverage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imlbench.api.PromptContext;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.templates.data.DatasetFiles;
import org.imlbench.templates.format.LmEvalFormat;
import org.imlbench.templates.jinja.PyLiteral;
import org.imlbench.templates.lmeval.LmEvalConfig;
import org.imlbench.templates.lmeval.LmEvalTaskReader;
import org.imlbench.templates.yaml.FunctionRef;
import org.imlbench.templates.yaml.YamlFiles;

/**
 * Measures how much of lm-evaluation-harness's task collection imlbench loads and renders: every {@code *.yaml} under
 * a {@code lm_eval/tasks} folder is read with its includes; files with {@code !function} anywhere are counted apart;
 * every other task file is loaded with the {@code lm-eval} provider's reader over a document synthesized from its
 * templates ({@link DocSynthesizer}) and rendered zero- and one-shot with the {@code lm-eval} format. Prints the
 * counts and, for the rest, why (the refused key, or the rendering error). Run by {@code bench/lm_eval_coverage.sh}.
 */
public final class LmEvalCoverage {
    private static final Pattern UNDEFINED = Pattern.compile("'([A-Za-z_]\\w*)' is undefined");
    private static final Pattern NOT_A_CHOICE = Pattern.compile("which is not one of the choices (\\[.*])");
    private static final int REPAIRS = 8;

    private LmEvalCoverage() {
    }

    /**
     * @param args the {@code lm_eval/tasks} folder, and optionally a file to write every outcome to (TSV)
     * @throws IOException when the folder cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        int function = 0;
        int groups = 0;
        int unreadable = 0;
        int tasks = 0;
        int rendered = 0;
        Map<String, Integer> refusals = new TreeMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        List<String> outcomes = new ArrayList<>();
        Path scratch = Files.createTempDirectory("lm-eval-coverage");
        LmEvalTaskReader reader = new LmEvalTaskReader(5000);
        for (Path file : files) {
            Map<String, Object> values;
            try {
                values = YamlFiles.readWithIncludes(file);
            } catch (TaskLoadException e) {
                unreadable++;
                outcomes.add(root.relativize(file) + "\tunreadable\t" + oneLine(e.getMessage()));
                continue;
            }
            if (hasFunction(values)) {
                function++;
                continue;
            }
            if (!(values.get("task") instanceof String)) {
                groups++;
                continue;
            }
            tasks++;
            LmEvalConfig config;
            try {
                config = LmEvalConfig.of(file, values);
            } catch (TaskLoadException e) {
                String reason = reason(e.getMessage().substring(e.file().length() + 2));
                refusals.merge(reason, 1, Integer::sum);
                outcomes.add(root.relativize(file) + "\trefused\t" + oneLine(e.getMessage()));
                continue;
            }
            String error = render(config, scratch.resolve(String.valueOf(tasks)), reader);
            if (error == null) {
                rendered++;
                outcomes.add(root.relativize(file) + "\trendered\t");
            } else {
                failures.merge(reason(error), 1, Integer::sum);
                outcomes.add(root.relativize(file) + "\tnot rendered\t" + oneLine(error));
            }
        }
        System.out.printf("YAML files: %d; with !function: %d; group or include files (no task name): %d; unreadable:"
                + " %d%n", files.size(), function, groups, unreadable);
        System.out.printf("task files without !function: %d; loaded and rendered: %d (%.1f%%); refused: %d; "
                        + "not rendered: %d%n", tasks, rendered, 100.0 * rendered / Math.max(1, tasks),
                refusals.values().stream().mapToInt(Integer::intValue).sum(),
                failures.values().stream().mapToInt(Integer::intValue).sum());
        System.out.println("\nrefused (by reason):");
        refusals.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> System.out.printf("%6d  %s%n", e.getValue(), e.getKey()));
        System.out.println("\nnot rendered over a synthesized document (by error):");
        failures.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> System.out.printf("%6d  %s%n", e.getValue(), e.getKey()));
        if (args.length > 1) {
            Files.write(Path.of(args[1]), outcomes);
        }
    }

    /** Loads and renders one task over synthesized documents; null on success, else the error. */
    private static String render(LmEvalConfig config, Path data, LmEvalTaskReader reader) {
        DocSynthesizer synthesizer = synthesizer(config);
        String last = null;
        for (int attempt = 0; attempt <= REPAIRS; attempt++) {
            try {
                write(config, data, synthesizer.document());
                Task task = reader.read(config, new DatasetFiles(data), "coverage");
                LmEvalFormat format = new LmEvalFormat();
                format.render(new PromptContext(task, task.instances().get(0), 0, List.of()));
                format.render(new PromptContext(task, task.instances().get(0), 1, List.of()));
                return null;
            } catch (TaskLoadException | RuntimeException e) {
                last = e.getMessage() == null ? e.toString() : e.getMessage();
                Matcher undefined = UNDEFINED.matcher(last);
                Matcher choice = NOT_A_CHOICE.matcher(last);
                if (undefined.find()) {
                    synthesizer.missing(undefined.group(1));
                } else if (choice.find() && target(config) != null) {
                    // the target must be one of the choices: give its field the first one
                    List<?> choices = (List<?>) PyLiteral.eval(choice.group(1).replaceAll("\\s*\\(split.*$", ""));
                    synthesizer.set(target(config), String.valueOf(choices.get(0)));
                } else {
                    return last;
                }
            } catch (IOException e) {
                return e.toString();
            }
        }
        return last;
    }

    /** The one field {@code doc_to_target} reads, or null. */
    private static String target(LmEvalConfig config) {
        if (!(config.docToTarget() instanceof String t)) {
            return null;
        }
        if (isName(t)) {
            return t;
        }
        List<String> fields = DocSynthesizer.fields(t);
        return fields.size() == 1 ? fields.get(0) : null;
    }

    private static DocSynthesizer synthesizer(LmEvalConfig config) {
        DocSynthesizer s = new DocSynthesizer();
        for (Object template : List.of(config.docToText(), config.docToTarget(), config.description())) {
            if (template instanceof String t && t.contains("{")) {
                s.scan(t);
            }
        }
        if (config.docToChoice() instanceof String t && t.contains("{")) {
            s.scan(t).choices(t);
        }
        s.scan(config.genPrefix()).scan(config.fewshot().genPrefix());
        if (config.fewshot().docToText() instanceof String t && t.contains("{")) {
            s.scan(t);
        }
        if (config.fewshot().docToTarget() instanceof String t && t.contains("{")) {
            s.scan(t);
        }
        // column names used directly (lm-eval's "a field of the dataset" rule)
        if (config.docToText() instanceof String t && isName(t)) {
            s.field(t, "str");
        }
        if (config.docToChoice() instanceof String t && isName(t)) {
            s.field(t, "list");
        }
        if (config.docToTarget() instanceof String t && isName(t)) {
            s.field(t, config.docToChoice() != null ? "int" : "str");
        }
        return s;
    }

    private static boolean isName(String text) {
        return text.matches("[A-Za-z_][\\w.-]*");
    }

    /** Writes the document (twice) into every split the task reads. */
    private static void write(LmEvalConfig config, Path data, Map<String, Object> doc) throws IOException {
        Set<String> splits = new LinkedHashSet<>();
        for (String s : new String[] {config.testSplit(), config.validationSplit(), config.trainingSplit(),
                config.fewshot().split()}) {
            if (s != null) {
                splits.add(s);
            }
        }
        Path folder = new DatasetFiles(data).folder(config.datasetPath(), config.datasetName());
        Files.createDirectories(folder);
        String line = new ObjectMapper().writeValueAsString(doc);
        for (String split : splits) {
            Files.writeString(folder.resolve(split + ".jsonl"), line + "\n" + line + "\n");
        }
    }

    private static boolean hasFunction(Object value) {
        if (value instanceof FunctionRef) {
            return true;
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(LmEvalCoverage::hasFunction);
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(LmEvalCoverage::hasFunction);
        }
        return false;
    }

    /** Groups messages: quoted values and document positions removed. */
    private static String reason(String message) {
        return oneLine(message).replaceAll("\\(split '[^']*', document \\d+\\)", "")
                .replaceAll("\\(few-shot document \\d+[^)]*\\)", "")
                .replaceAll("^[^:]*\\.yaml: ", "")
                .replaceAll("'[^']{40,}'", "'...'")
                .replaceAll("\"[^\"]{40,}\"", "\"...\"")
                .strip();
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
