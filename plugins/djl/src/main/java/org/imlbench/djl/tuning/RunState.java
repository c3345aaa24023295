package org.imlbench.djl.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.TuningProgress;
import org.imlbench.files.AtomicFiles;
import org.imlbench.tuningdata.WindowStream;

/**
 * The scalar part of a resumable tuning state ({@code state.json}); the arrays (weights, moments) sit beside it.
 * The run's identity (recipe and data fingerprint) is kept so that {@code --resume} refuses to continue a different
 * run. Random state is not stored because there is none to store: the data order is a function of the seed, and the
 * dropout generator is reseeded from the seed and the step number before every step.
 *
 * @param fingerprint the recipe and the training data, summarised (see {@link Tuner})
 * @param step optimizer steps finished
 * @param seed the run's seed
 * @param dataWindows windows consumed from the {@link WindowStream}
 * @param dataDraws examples drawn from the mixture by then
 * @param adamUpdates updates AdamW applied (steps skipped on float16 overflow do not count)
 * @param lossScale the loss scaler's state
 * @param tokens tokens trained on so far
 * @param curve one point per finished step
 */
public record RunState(String fingerprint, int step, long seed, long dataWindows, long dataDraws, int adamUpdates,
                       LossScaler.State lossScale, long tokens, List<TuningProgress> curve) {
    /** The file name inside a state directory. */
    public static final String FILE_NAME = "state.json";
    private static final int FORMAT = 1;

    /** Copies the curve. */
    public RunState {
        curve = List.copyOf(curve);
    }

    /**
     * @param file where to write (atomically)
     * @throws IOException when writing fails
     */
    public void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("fingerprint", fingerprint);
        root.put("step", step);
        root.put("seed", seed);
        root.put("data_windows", dataWindows);
        root.put("data_draws", dataDraws);
        root.put("adam_updates", adamUpdates);
        root.put("loss_scale", lossScale.scale());
        root.put("loss_scale_clean_steps", lossScale.cleanSteps());
        root.put("tokens", tokens);
        ArrayNode points = root.putArray("curve");
        for (TuningProgress p : curve) {
            points.addObject().put("step", p.step()).put("total_steps", p.totalSteps()).put("loss", p.loss())
                    .put("learning_rate", p.learningRate()).put("tokens_per_second", p.tokensPerSecond());
        }
        AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param file a file written by {@link #write}
     * @return the state
     * @throws IOException naming the file when it is unreadable or not a tuning state
     */
    public static RunState read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IOException(file + ": unreadable tuning state: " + e.getMessage(), e);
        }
        if (root == null || root.path("format").asInt() != FORMAT) {
            throw new IOException(file + ": not a tuning state of format " + FORMAT);
        }
        List<TuningProgress> curve = new ArrayList<>();
        for (JsonNode p : root.path("curve")) {
            curve.add(new TuningProgress(p.path("step").asInt(), p.path("total_steps").asInt(),
                    p.path("loss").asDouble(), p.path("learning_rate").asDouble(),
                    p.path("tokens_per_second").asDouble()));
        }
        return new RunState(require(root, "fingerprint", file).asText(), require(root, "step", file).asInt(),
                require(root, "seed", file).asLong(), require(root, "data_windows", file).asLong(),
                require(root, "data_draws", file).asLong(), require(root, "adam_updates", file).asInt(),
                new LossScaler.State(require(root, "loss_scale", file).asDouble(),
                        require(root, "loss_scale_clean_steps", file).asInt()),
                require(root, "tokens", file).asLong(), curve);
    }

    private static JsonNode require(JsonNode root, String key, Path file) throws IOException {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw new IOException(file + ": tuning state lacks '" + key + "'");
        }
        return n;
    }
}
