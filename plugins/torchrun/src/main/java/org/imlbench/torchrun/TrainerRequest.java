package org.imlbench.torchrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.TuningConfig;

/**
 * The trainer's {@code request.json} (format {@value #FORMAT}, specified in trainer.py's module docstring): the base
 * checkpoint, the output directory, the recipe, the padding id, the precision and the shard layout. Numbers are
 * written as Java prints doubles, the shortest text that reads back as the same double, so the trainer computes with
 * exactly the recipe's values.
 *
 * @param base the base checkpoint directory, absolute
 * @param output the output directory, absolute
 * @param config the recipe
 * @param padId the padding id
 * @param precision the compute precision
 * @param activationCheckpointing whether decoder layers recompute activations
 * @param shards the shards, consecutive from step 1
 */
record TrainerRequest(Path base, Path output, TuningConfig config, int padId, String precision,
                      boolean activationCheckpointing, List<Shard> shards) {
    /** The request format the shipped trainer reads. */
    static final String FORMAT = "imlbench-torchrun/1";
    /** The file name in the data directory. */
    static final String FILE_NAME = "request.json";
    /** The three arrays of every shard, in the trainer's order. */
    static final List<String> KINDS = List.of("input_ids", "segment_ids", "labels");

    /**
     * One shard: {@code <name>.input_ids.npy}, {@code <name>.segment_ids.npy}, {@code <name>.labels.npy}.
     *
     * @param name the file name prefix
     * @param firstStep the optimizer step of its first entry, from 1
     * @param steps optimizer steps it holds
     */
    record Shard(String name, int firstStep, int steps) {
        /**
         * @param kind one of {@link #KINDS}
         * @return the file name of that array
         */
        String fileName(String kind) {
            return name + "." + kind + ".npy";
        }
    }

    /** Copies the list. */
    TrainerRequest {
        shards = List.copyOf(shards);
    }

    /**
     * Cuts a run into shards of at most {@code shardSteps} steps.
     *
     * @param steps optimizer steps in all
     * @param shardSteps steps per shard
     * @return the shards
     */
    static List<Shard> layout(int steps, int shardSteps) {
        List<Shard> out = new ArrayList<>();
        for (int first = 1; first <= steps; first += shardSteps) {
            out.add(new Shard(String.format("shard-%05d", out.size()), first, Math.min(shardSteps, steps - first + 1)));
        }
        return out;
    }

    /**
     * @param json the mapper
     * @return the request as the trainer reads it
     */
    ObjectNode toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("base", base.toString());
        root.put("output", output.toString());
        ObjectNode recipe = root.putObject("recipe");
        recipe.put("steps", config.steps());
        recipe.put("batch_size", config.batchSize());
        recipe.put("grad_accumulation", config.gradientAccumulation());
        recipe.put("max_seq_len", config.maxSeqLen());
        recipe.put("lr", config.learningRate());
        recipe.put("warmup_steps", config.warmupSteps());
        recipe.put("beta1", config.beta1());
        recipe.put("beta2", config.beta2());
        recipe.put("eps", config.epsilon());
        recipe.put("weight_decay", config.weightDecay());
        recipe.put("grad_clip", config.gradClipNorm());
        recipe.put("dropout", config.dropout());
        recipe.put("seed", config.seed());
        recipe.put("checkpoint_every", config.checkpointEvery());
        root.put("pad_id", padId);
        root.put("precision", precision);
        root.put("activation_checkpointing", activationCheckpointing);
        ArrayNode list = root.putArray("shards");
        for (Shard s : shards) {
            list.addObject().put("name", s.name()).put("first_step", s.firstStep()).put("steps", s.steps());
        }
        return root;
    }
}
