package org.imlbench.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.imlbench.files.AtomicFiles;

/**
 * The layout of {@code runs/<id>/}: where samples, completion markers, the tuned checkpoint and the configuration go.
 * Every write is atomic, so a killed run can be resumed from whatever it had finished.
 */
public final class RunDirectory {
    /** The split name {@code harness eval} uses (no generalization splits). */
    public static final String ALL_SPLIT = "all";

    private final Path root;
    private final ObjectMapper json;

    /**
     * @param root the run directory
     * @param json the mapper used for every file of the run
     */
    public RunDirectory(Path root, ObjectMapper json) {
        this.root = root;
        this.json = json;
    }

    /** @return the run directory */
    public Path root() {
        return root;
    }

    /** @return {@code run.json} */
    public Path runJson() {
        return root.resolve("run.json");
    }

    /** @return where the tuner writes the tuned checkpoint and its state */
    public Path tuningDir() {
        return root.resolve("tuning");
    }

    /**
     * The file name a task gets in the run directory: its id with every character outside {@code [A-Za-z0-9._-]}
     * replaced by {@code _}.
     *
     * @param taskId a task id
     * @return the file stem
     */
    public static String taskFileStem(String taskId) {
        return taskId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * @param split the split
     * @param role the model role
     * @param taskId the task
     * @return the task's per-sample JSONL file
     */
    public Path samplesFile(String split, String role, String taskId) {
        return root.resolve("samples").resolve(split).resolve(role).resolve(taskFileStem(taskId) + ".jsonl");
    }

    /**
     * @param split the split
     * @param role the model role
     * @param taskId the task
     * @return the task's completion marker
     */
    public Path doneFile(String split, String role, String taskId) {
        return root.resolve("tasks").resolve(split).resolve(role).resolve(taskFileStem(taskId) + ".done");
    }

    /**
     * Reads a task's completion marker, if the task was finished by this or an earlier, interrupted run.
     *
     * @param split the split
     * @param role the model role
     * @param taskId the task
     * @return the outcome, or empty when the task still has to be evaluated
     * @throws IOException when the marker exists but cannot be read
     */
    public Optional<TaskOutcome> finished(String split, String role, String taskId) throws IOException {
        Path done = doneFile(split, role, taskId);
        if (!Files.isRegularFile(done)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(done.toFile(), TaskOutcome.class));
    }

    /**
     * Writes a task's samples and then its completion marker (in that order, so a marker always has its samples). A
     * failed task has no samples and no sample file (the reports' contract: a sample file holds samples).
     *
     * @param split the split
     * @param role the model role
     * @param outcome the task's outcome
     * @param samples its samples (empty when evaluation failed)
     * @throws IOException when writing fails
     */
    public void writeTask(String split, String role, TaskOutcome outcome, List<SampleRecord> samples)
            throws IOException {
        StringBuilder lines = new StringBuilder();
        for (SampleRecord sample : samples) {
            lines.append(json.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sample))
                    .append('\n');
        }
        if (samples.isEmpty()) {
            Files.deleteIfExists(samplesFile(split, role, outcome.task()));
        } else {
            AtomicFiles.writeString(samplesFile(split, role, outcome.task()), lines.toString());
        }
        AtomicFiles.writeString(doneFile(split, role, outcome.task()), json.writeValueAsString(outcome));
    }

    /**
     * Marks that tuning finished, with the tuned checkpoint's location, so that a resumed run does not tune again.
     *
     * @param checkpoint the tuned checkpoint
     * @throws IOException when writing fails
     */
    public void markTuned(Path checkpoint) throws IOException {
        AtomicFiles.writeString(root.resolve("tuning").resolve("DONE"), root.relativize(checkpoint.toAbsolutePath())
                .toString());
    }

    /**
     * @return the tuned checkpoint of a finished tuning phase, if there is one
     * @throws IOException when the marker cannot be read
     */
    public Optional<Path> tunedCheckpoint() throws IOException {
        Path marker = root.resolve("tuning").resolve("DONE");
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        return Optional.of(root.resolve(Files.readString(marker).trim()));
    }
}
