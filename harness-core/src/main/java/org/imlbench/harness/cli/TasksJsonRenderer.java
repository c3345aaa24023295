package org.imlbench.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code harness tasks --json} for machines: {@code tasks} (one entry per task), {@code splits}, {@code leakage},
 * {@code problems}, {@code notes}, the {@code splitSpec} in use and, with {@code --show}, {@code prompts}.
 */
final class TasksJsonRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TasksJsonRenderer() {
    }

    /**
     * @param report what to show
     * @param out where it goes
     * @throws JsonProcessingException when the document cannot be written (a bug)
     */
    static void render(TasksReport report, PrintStream out) throws JsonProcessingException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("seed", report.seed());
        document.put("sources", report.sources());
        document.put("splitSpec", JSON.readTree(report.spec().toJson()));
        document.put("problems", report.problems().stream().map(p -> Map.of("file", p.file(), "message",
                p.message())).toList());
        document.put("notes", report.notes());
        document.put("excluded", report.excluded());
        document.put("tasks", report.tasks().stream().map(TasksJsonRenderer::task).toList());
        document.put("splits", new LinkedHashMap<>(report.summary().parts()));
        Map<String, Object> leaks = new LinkedHashMap<>();
        report.leakage().splits().forEach((s, l) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("evaluationInstances", l.evaluationInstances());
            entry.put("ngramPairs", l.ngramPairs());
            entry.put("instancesWithNgramOverlap", l.instancesWithNgramOverlap());
            entry.put("exactMatches", l.exactMatches());
            entry.put("examples", l.examples());
            leaks.put(s.id(), entry);
        });
        document.put("leakage", leaks);
        if (report.prompts() != null) {
            document.put("prompts", report.prompts().stream().map(TasksJsonRenderer::prompt).toList());
        }
        out.println(JSON.writeValueAsString(document));
    }

    private static Map<String, Object> task(TasksReport.TaskRow row) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", row.id());
        entry.put("category", row.category());
        entry.put("source", row.source());
        entry.put("from", row.from());
        entry.put("answers", row.answers());
        entry.put("instances", row.instances());
        entry.put("role", row.role());
        entry.put("trainInstances", row.trainInstances());
        entry.put("evalInstances", row.evalInstances());
        return entry;
    }

    private static Map<String, Object> prompt(TasksReport.Shown shown) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("split", shown.split().id());
        entry.put("task", shown.task().id());
        entry.put("instance", shown.instance().id());
        if (shown.error() != null) {
            entry.put("error", shown.error());
        } else {
            entry.put("source", shown.prompt().source());
            entry.put("target", shown.prompt().target());
            entry.put("continuations", shown.prompt().continuations());
            List<String> stops = shown.prompt().stopSequences();
            entry.put("stopSequences", stops);
        }
        return entry;
    }
}
