package org.imlbench.torchrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.imlbench.api.TrainingExample;
import org.imlbench.api.TrainingExamples;
import org.imlbench.files.AtomicFiles;
import org.imlbench.files.FileTrees;
import org.imlbench.tuningdata.EncodedExample;
import org.imlbench.tuningdata.TrainingBatch;
import org.imlbench.tuningdata.TrainingPool;
import org.imlbench.tuningdata.WindowStream;

/**
 * Writes the trainer's DATA directory: the windows of {@link WindowStream#of} (the very windows the {@code djl} tuner
 * trains on) laid out by {@link TrainingBatch}, step after step, into int32 {@code .npy} shards of
 * {@code [steps, batch, max_seq_len]}, then {@code request.json}. Each step's batch is written as soon as it is drawn,
 * so memory does not grow with the run.
 *
 * <p>The directory is assembled beside its final place and renamed into it, so it is complete or absent.
 * {@code request.json} carries the fingerprint of everything that went into it; a directory with the same fingerprint
 * is reused (a resumed run, or another node of the same job on a shared file system) instead of being written again.
 */
final class TrainingData {
    /** The label of a position that carries no loss. */
    static final int IGNORED = -100;

    private TrainingData() {
    }

    /**
     * What the directory holds.
     *
     * @param dir the data directory
     * @param fingerprint the recipe, examples and request, summarised
     * @param tokens tokens that are not padding, over every step
     * @param dropped distinct drawn examples left out because their target does not fit the window
     * @param reused whether an existing directory was kept
     */
    record Written(Path dir, String fingerprint, long tokens, int dropped, boolean reused) {
    }

    /**
     * Writes (or reuses) the data directory.
     *
     * @param dir the data directory
     * @param request the trainer's request; its shards say how steps are cut into files
     * @param pool the examples, encoded on demand
     * @param poolFingerprint {@link TrainingPool#fingerprint} of the recipe and base model
     * @param json the mapper
     * @return what it holds
     * @throws IOException when the examples cannot be read or the files cannot be written
     */
    static Written prepare(Path dir, TrainerRequest request, TrainingPool pool, String poolFingerprint,
                           ObjectMapper json) throws IOException {
        ObjectNode root = request.toJson(json);
        TrainingExamples.Fingerprint digest = new TrainingExamples.Fingerprint();
        digest.add(new TrainingExample("torchrun data", poolFingerprint, json.writeValueAsString(root)));
        String fingerprint = digest.hex();
        Optional<Written> existing = existing(dir, fingerprint, json);
        if (existing.isPresent()) {
            return existing.get();
        }
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, ".data-tmp-");
        try {
            WindowStream stream = WindowStream.of(pool, request.config());
            long tokens = 0;
            for (TrainerRequest.Shard shard : request.shards()) {
                tokens += writeShard(temp, shard, stream, request);
            }
            root.putObject("imlbench").put("fingerprint", fingerprint).put("tokens", tokens)
                    .put("dropped_examples", pool.dropped());
            AtomicFiles.writeString(temp.resolve(TrainerRequest.FILE_NAME), json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(root));
            return install(temp, dir, new Written(dir, fingerprint, tokens, pool.dropped(), false), json);
        } finally {
            if (Files.exists(temp)) {
                FileTrees.deleteTree(temp);
            }
        }
    }

    private static long writeShard(Path dir, TrainerRequest.Shard shard, WindowStream stream, TrainerRequest request)
            throws IOException {
        int batch = request.config().batchSize();
        int width = request.config().maxSeqLen();
        long tokens = 0;
        try (NpyWriter ids = new NpyWriter(dir.resolve(shard.fileName("input_ids")), shard.steps(), batch, width);
             NpyWriter segments = new NpyWriter(dir.resolve(shard.fileName("segment_ids")), shard.steps(), batch,
                     width);
             NpyWriter labels = new NpyWriter(dir.resolve(shard.fileName("labels")), shard.steps(), batch, width)) {
            for (int s = 0; s < shard.steps(); s++) {
                List<List<EncodedExample>> windows = stream.next(batch);
                TrainingBatch b = TrainingBatch.of(windows, request.padId());
                int[][] rowLabels = labels(b, width);
                for (int r = 0; r < b.rows(); r++) {
                    int[] idRow = Arrays.copyOf(b.inputIds()[r], width);
                    Arrays.fill(idRow, b.length(), width, request.padId());
                    ids.write(idRow);
                    segments.write(Arrays.copyOf(b.segmentIds()[r], width));
                    labels.write(rowLabels[r]);
                }
                tokens += b.realTokens();
            }
        }
        return tokens;
    }

    /**
     * The trainer's label layout: position {@code j} of a row holds the token it must predict, or {@value #IGNORED};
     * {@link TrainingBatch} lists the same positions as flat indices over its own row length.
     */
    static int[][] labels(TrainingBatch batch, int width) {
        int[][] out = new int[batch.rows()][width];
        for (int[] row : out) {
            Arrays.fill(row, IGNORED);
        }
        int[] index = batch.lossIndex();
        int[] label = batch.lossLabels();
        for (int k = 0; k < index.length; k++) {
            out[index[k] / batch.length()][index[k] % batch.length()] = label[k];
        }
        return out;
    }

    private static Optional<Written> existing(Path dir, String fingerprint, ObjectMapper json) throws IOException {
        Path file = dir.resolve(TrainerRequest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();              // torn or foreign: written again
        }
        JsonNode mine = root == null ? null : root.path("imlbench");
        if (mine == null || !fingerprint.equals(mine.path("fingerprint").asText())) {
            return Optional.empty();
        }
        return Optional.of(new Written(dir, fingerprint, mine.path("tokens").asLong(),
                mine.path("dropped_examples").asInt(), true));
    }

    /**
     * Renames the assembled directory into place. A directory already there with the same fingerprint (written by
     * another node meanwhile) is kept; one with another fingerprint is replaced.
     */
    private static Written install(Path temp, Path dir, Written written, ObjectMapper json) throws IOException {
        Optional<Written> raced = existing(dir, written.fingerprint(), json);
        if (raced.isPresent()) {
            return raced.get();
        }
        if (Files.exists(dir)) {
            Path old = Files.createTempDirectory(dir.toAbsolutePath().getParent(), ".data-old-");
            Files.delete(old);
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            FileTrees.deleteTree(old);
        }
        try {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            Optional<Written> other = existing(dir, written.fingerprint(), json);
            if (other.isPresent()) {
                return other.get();
            }
            throw e;
        }
        AtomicFiles.forceDirectory(dir.toAbsolutePath().getParent());
        return written;
    }
}
