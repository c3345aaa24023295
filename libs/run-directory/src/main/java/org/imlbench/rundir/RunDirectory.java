package org.imlbench.rundir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.imlbench.files.AtomicFiles;

/**
 * Writes a run directory ({@link RunLayout}) so that a killed run can be resumed from whatever it had finished: every
 * file is written atomically, a task's samples before its completion marker, and the marker carries the samples
 * file's size and SHA-256, so a task whose samples did not survive intact counts as unfinished.
 */
public final class RunDirectory {
    private final RunLayout layout;
    private final ObjectMapper json;
    private final ObjectWriter lineWriter;

    /**
     * @param root the run directory
     * @param json the mapper used for every file of the run
     */
    public RunDirectory(Path root, ObjectMapper json) {
        this.layout = new RunLayout(root);
        this.json = json;
        this.lineWriter = json.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    /** @return the run directory */
    public Path root() {
        return layout.root();
    }

    /** @return where every file of this run goes */
    public RunLayout layout() {
        return layout;
    }

    /**
     * Reads a task's completion marker, if the task was finished by this or an earlier, interrupted run and its
     * samples file is intact.
     *
     * @param split the split
     * @param role the model role
     * @param taskId the task
     * @return the outcome, or empty when the task still has to be evaluated (no marker, an unreadable marker, or a
     *         samples file that does not match the marker)
     * @throws IOException when the files cannot be read at all
     */
    public Optional<TaskOutcome> finished(Split split, Role role, String taskId) throws IOException {
        Path done = layout.doneFile(split, role, taskId);
        if (!Files.isRegularFile(done)) {
            return Optional.empty();
        }
        TaskOutcome outcome;
        try {
            outcome = json.readValue(done.toFile(), TaskOutcome.class);
        } catch (IOException e) {
            return Optional.empty(); // a damaged marker: evaluate the task again and write a new one
        }
        if (outcome.failed() || outcome.samplesSha256() == null) {
            return Optional.of(outcome);
        }
        Path samples = layout.samplesFile(split, role, taskId);
        if (!Files.isRegularFile(samples) || Files.size(samples) != outcome.samplesBytes()
                || !sha256(Files.readAllBytes(samples)).equals(outcome.samplesSha256())) {
            return Optional.empty();
        }
        return Optional.of(outcome);
    }

    /**
     * Writes a task's samples and then its completion marker (in that order, so a marker always has its samples).
     *
     * @param split the split
     * @param role the model role
     * @param outcome the task's outcome (its checksum fields are filled in here)
     * @param samples its samples (empty when evaluation failed)
     * @throws IOException when writing fails
     */
    public void writeTask(Split split, Role role, TaskOutcome outcome, List<SampleRecord> samples)
            throws IOException {
        TaskOutcome marker = outcome;
        if (!samples.isEmpty()) {
            StringBuilder lines = new StringBuilder();
            for (SampleRecord sample : samples) {
                lines.append(lineWriter.writeValueAsString(sample)).append('\n');
            }
            byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(layout.samplesFile(split, role, outcome.task()), bytes);
            marker = new TaskOutcome(outcome.task(), outcome.n(), outcome.missing(), outcome.error(), bytes.length,
                    sha256(bytes));
        } else {
            Files.deleteIfExists(layout.samplesFile(split, role, outcome.task()));
        }
        AtomicFiles.writeString(layout.doneFile(split, role, outcome.task()), json.writeValueAsString(marker));
    }

    /**
     * Marks that tuning finished, with the tuned checkpoint's location, so that a resumed run does not tune again.
     *
     * @param checkpoint the tuned checkpoint
     * @throws IOException when writing fails
     */
    public void markTuned(Path checkpoint) throws IOException {
        AtomicFiles.writeString(layout.tunedMarker(), layout.root().toAbsolutePath()
                .relativize(checkpoint.toAbsolutePath()).toString());
    }

    /**
     * @return the tuned checkpoint of a finished tuning phase, if there is one whose directory still exists
     * @throws IOException when the marker cannot be read
     */
    public Optional<Path> tunedCheckpoint() throws IOException {
        Path marker = layout.tunedMarker();
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        Path checkpoint = layout.root().resolve(Files.readString(marker).trim());
        return Files.isDirectory(checkpoint) ? Optional.of(checkpoint) : Optional.empty();
    }

    /**
     * @param bytes some bytes
     * @return their SHA-256 in hex
     */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
