package org.imlbench.rundir;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a run directory as RUNDIR.md lays it out: {@code run.json}, {@code samples/<split>/<role>/*.jsonl} and
 * {@code tasks/<split>/<role>/*.done}. Everything is checked; a bad file fails with its name and line.
 */
public final class RunReader {
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Reads a run directory.
     *
     * @param runDir the run directory
     * @return its contents
     * @throws IOException when a file cannot be read or breaks the contract
     */
    public RunData read(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new IOException(runDir + ": not a run directory (it does not exist or is not a directory)");
        }
        RunLayout layout = new RunLayout(runDir);
        RunInfo info = readRunInfo(layout.runJson());
        List<DoneRecord> done = new ArrayList<>();
        for (Path file : filesUnder(layout.tasksDir(), ".done")) {
            done.add(readDone(layout, file));
        }
        List<TaskFile> files = new ArrayList<>();
        for (Path file : filesUnder(layout.samplesDir(), ".jsonl")) {
            files.add(readSamples(layout, file));
        }
        checkAgainstMarkers(layout, files, done);
        if (files.isEmpty() && done.isEmpty()) {
            throw new IOException(runDir + ": no samples/<split>/<role>/*.jsonl and no tasks/**/*.done: nothing was "
                    + "evaluated");
        }
        return new RunData(runDir, info, files, done);
    }

    /**
     * Reads a run.json.
     *
     * @param file the file
     * @return the parts reports show
     * @throws IOException when it cannot be read or breaks the contract
     */
    public RunInfo readRunInfo(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new RunDirectoryException(file, 0, "missing (every run directory has its run.json)");
        }
        JsonFields run = new JsonFields(parse(file, Files.readString(file), 0), file, 0);
        Map<String, ModelRef> models = new TreeMap<>();
        if (run.has("models")) {
            JsonFields roles = run.object("models");
            for (Map.Entry<String, JsonNode> entry : roles.raw().properties()) {
                JsonFields model = new JsonFields(entry.getValue(), file, 0);
                models.put(entry.getKey(), new ModelRef(model.requiredText("name"), model.optionalText("backend"),
                        model.optionalText("device"), model.optionalLong("parameters", 0), model.textMap("details")));
            }
        }
        return new RunInfo(run.requiredText("id"), run.optionalText("created"),
                run.has("command") ? mode(file, run.requiredText("command")) : RunMode.RUN, models,
                run.optionalText("format"),
                (int) run.optionalLong("shots", 0), run.optionalLong("seed", 0), run.textList("tasks"),
                run.textMap("versions"), run.optionalText("git_commit"), run.optionalText("devices"),
                run.optionalText("headline_metric"));
    }

    /** A samples file must match what its completion marker recorded; anything else was damaged after the fact. */
    private static void checkAgainstMarkers(RunLayout layout, List<TaskFile> files, List<DoneRecord> done)
            throws IOException {
        for (DoneRecord marker : done) {
            if (marker.samplesSha256() == null) {
                continue;
            }
            Path samples = layout.samplesFile(marker.split(), marker.role(), marker.task());
            if (!Files.isRegularFile(samples)) {
                throw new RunDirectoryException(layout.doneFile(marker.split(), marker.role(), marker.task()), 0,
                        "its samples file " + samples + " is missing; resume the run to evaluate the task again");
            }
            if (Files.size(samples) != marker.samplesBytes()
                    || !RunDirectory.sha256(Files.readAllBytes(samples)).equals(marker.samplesSha256())) {
                throw new RunDirectoryException(samples, 0, "does not match its completion marker ("
                        + marker.samplesBytes()
                        + " bytes recorded, " + Files.size(samples) + " found): damaged after it was written; resume "
                        + "the run to evaluate the task again");
            }
        }
    }

    private TaskFile readSamples(RunLayout layout, Path file) throws IOException {
        String[] where = splitAndRole(layout.samplesDir(), file);
        String task = null;
        String category = null;
        String source = null;
        List<SampleScores> samples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonFields sample = new JsonFields(parse(file, text, line), file, line);
                String lineTask = sample.requiredText("task");
                if (task == null) {
                    task = lineTask;
                    category = sample.requiredText("category");
                    source = sample.has("source") ? sample.requiredText("source") : "unknown";
                } else if (!task.equals(lineTask)) {
                    throw new RunDirectoryException(file, line, "task \"" + lineTask + "\" in a file of task \""
                            + task + "\"");
                }
                String instance = sample.requiredText("instance");
                if (!seen.add(instance)) {
                    throw new RunDirectoryException(file, line, "instance \"" + instance + "\" appears twice");
                }
                boolean missing = sample.optionalBoolean("missing", false);
                Map<String, Double> metrics = missing ? Map.of() : metrics(sample, file, line);
                samples.add(new SampleScores(instance, missing, sample.arraySize("options") > 0, metrics));
            }
        }
        if (task == null) {
            throw new RunDirectoryException(file, 0, "no sample lines (a task's sample file is written only when "
                    + "it has samples)");
        }
        return new TaskFile(split(file, where[0]), role(file, where[1]), task, category, source, file, samples);
    }

    private static Map<String, Double> metrics(JsonFields sample, Path file, int line) throws RunDirectoryException {
        if (!sample.has("metrics")) {
            throw new RunDirectoryException(file, line, "a line that is not missing must have \"metrics\"");
        }
        Map<String, Double> metrics = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : sample.object("metrics").raw().properties()) {
            JsonNode value = entry.getValue();
            if (!value.isNumber() || !(value.asDouble() >= 0 && value.asDouble() <= 1)) {
                throw new RunDirectoryException(file, line, "metric \"" + entry.getKey() + "\" = " + value
                        + " is not a number in [0, 1]");
            }
            metrics.put(entry.getKey(), value.asDouble());
        }
        return metrics;
    }

    private DoneRecord readDone(RunLayout layout, Path file) throws IOException {
        String[] where = splitAndRole(layout.tasksDir(), file);
        JsonFields done = new JsonFields(parse(file, Files.readString(file), 0), file, 0);
        return new DoneRecord(split(file, where[0]), role(file, where[1]), done.requiredText("task"),
                done.optionalText("error"), done.optionalText("category"), done.optionalText("source"),
                done.optionalLong("samples_bytes", -1), done.optionalText("samples_sha256"));
    }

    private static Split split(Path file, String id) throws RunDirectoryException {
        try {
            return Split.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new RunDirectoryException(file, 0, e.getMessage());
        }
    }

    private static Role role(Path file, String id) throws RunDirectoryException {
        try {
            return Role.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new RunDirectoryException(file, 0, e.getMessage());
        }
    }

    private static RunMode mode(Path file, String id) throws RunDirectoryException {
        try {
            return RunMode.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new RunDirectoryException(file, 0, e.getMessage());
        }
    }

    private JsonNode parse(Path file, String text, int line) throws RunDirectoryException {
        try {
            return mapper.readTree(text);
        } catch (JacksonException e) {
            throw new RunDirectoryException(file, line, "malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The split and role directories of {@code root/<split>/<role>/<file>}. */
    private static String[] splitAndRole(Path root, Path file) throws RunDirectoryException {
        Path relative = root.relativize(file);
        if (relative.getNameCount() != 3) {
            throw new RunDirectoryException(file, 0, "not at " + root.getFileName() + "/<split>/<role>/<file>");
        }
        return new String[] {relative.getName(0).toString(), relative.getName(1).toString()};
    }

    private static List<Path> filesUnder(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        }
    }
}
