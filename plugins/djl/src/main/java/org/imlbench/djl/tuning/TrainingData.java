package org.imlbench.djl.tuning;

import org.imlbench.api.TrainingExample;
import org.imlbench.api.TuningConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The encoded training pool of a run: every example shortened to the window (from the left of its source), examples
 * whose target alone cannot fit dropped and counted, and a fingerprint of recipe and data that a resumed run must
 * match.
 *
 * @param pool the examples that can be trained on, in the order given
 * @param dropped examples left out because BOS and target exceed the window
 * @param fingerprint SHA-256 over the recipe, the base model's name and every example
 */
public record TrainingData(List<EncodedExample> pool, int dropped, String fingerprint) {
    /** Copies the pool. */
    public TrainingData {
        pool = List.copyOf(pool);
    }

    /**
     * @param examples the rendered examples
     * @param encoder the tokenizer's encoder
     * @param config the recipe
     * @param baseModel the base model's name, part of the fingerprint
     * @return the pool
     * @throws IllegalArgumentException when no example fits the window
     */
    public static TrainingData prepare(List<TrainingExample> examples, ExampleEncoder encoder, TuningConfig config,
                                       String baseModel) {
        List<EncodedExample> pool = new ArrayList<>(examples.size());
        int dropped = 0;
        MessageDigest digest = sha256();
        update(digest, recipe(config));
        update(digest, baseModel);
        for (TrainingExample e : examples) {
            update(digest, e.taskId());
            update(digest, e.source());
            update(digest, e.target());
            EncodedExample encoded = encoder.encode(e);
            if (1 + encoded.lossTokens() > config.maxSeqLen()) {
                dropped++;
                continue;
            }
            pool.add(encoded.truncatedTo(config.maxSeqLen()));
        }
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("none of the " + examples.size() + " training examples fits a window "
                    + "of " + config.maxSeqLen() + " tokens with its whole target");
        }
        return new TrainingData(pool, dropped, HexFormat.of().formatHex(digest.digest()));
    }

    /** @return the task id of every pooled example, by index */
    public List<String> taskIds() {
        return pool.stream().map(EncodedExample::taskId).toList();
    }

    /**
     * Everything in the recipe that changes the result, in a fixed order (a record's {@code toString} would list the
     * proportions map in an order that varies between JVM runs).
     */
    private static String recipe(TuningConfig c) {
        Map<String, Double> proportions = new TreeMap<>(c.sourceProportions());
        return String.join("|", List.of(String.valueOf(c.steps()), String.valueOf(c.batchSize()),
                String.valueOf(c.gradientAccumulation()), String.valueOf(c.maxSeqLen()), String.valueOf(c.packing()),
                String.valueOf(c.learningRate()), String.valueOf(c.warmupSteps()), String.valueOf(c.beta1()),
                String.valueOf(c.beta2()), String.valueOf(c.epsilon()), String.valueOf(c.weightDecay()),
                String.valueOf(c.gradClipNorm()), String.valueOf(c.dropout()), String.valueOf(c.replicas()),
                String.valueOf(c.perTaskCap()), proportions.toString(), String.valueOf(c.seed())));
    }

    private static void update(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
