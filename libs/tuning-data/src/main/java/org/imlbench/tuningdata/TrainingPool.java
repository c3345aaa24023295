package org.imlbench.tuningdata;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.imlbench.api.TrainingExample;
import org.imlbench.api.TrainingExamples;
import org.imlbench.api.TuningConfig;

/**
 * A run's training examples as token ids, encoded when drawn rather than all at once: the training split of a large
 * benchmark has millions of examples, and a run of a few hundred steps touches a small share of them. Each encoded
 * example is shortened to the window from the left of its source ({@link EncodedExample#truncatedTo}); one whose
 * target alone cannot fit the window is left out, counted, and the next draw takes its place.
 *
 * <p>Recently drawn examples stay encoded in a bounded cache, since the mixture returns to every example of a small
 * task again and again.
 */
public final class TrainingPool {
    private static final int CACHE_ENTRIES = 16_384;

    private final TrainingExamples examples;
    private final ExampleEncoder encoder;
    private final int maxSeqLen;
    private final Map<Long, Optional<EncodedExample>> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Optional<EncodedExample>> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };
    private final Set<Long> dropped = new HashSet<>();

    /**
     * @param examples the training examples
     * @param encoder the model's encoder
     * @param maxSeqLen the window, in tokens
     */
    public TrainingPool(TrainingExamples examples, ExampleEncoder encoder, int maxSeqLen) {
        this.examples = examples;
        this.encoder = encoder;
        this.maxSeqLen = maxSeqLen;
    }

    /** @return the tasks and their example counts, in the examples' order */
    public List<TrainingExamples.TaskExamples> tasks() {
        return examples.tasks();
    }

    /**
     * @param task a task index
     * @param index an example index within it
     * @return the example fitted to the window, or empty when its target does not fit
     * @throws IOException when the examples cannot be read
     */
    public synchronized Optional<EncodedExample> get(int task, int index) throws IOException {
        long key = ((long) task << 32) | (index & 0xffffffffL);
        Optional<EncodedExample> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        EncodedExample encoded = encoder.encode(examples.get(task, index));
        Optional<EncodedExample> fitted;
        if (1 + encoded.lossTokens() > maxSeqLen) {
            dropped.add(key);
            fitted = Optional.empty();
        } else {
            fitted = Optional.of(encoded.truncatedTo(maxSeqLen));
        }
        cache.put(key, fitted);
        return fitted;
    }

    /** @return how many distinct examples were drawn but left out because their target does not fit the window */
    public synchronized int dropped() {
        return dropped.size();
    }

    /** @return the window in tokens */
    public int maxSeqLen() {
        return maxSeqLen;
    }

    /**
     * The fingerprint a resumed run must match: everything in the recipe that changes the result, the base model's
     * name and the examples' own fingerprint.
     *
     * @param config the recipe
     * @param baseModel the base model's name
     * @return a hex SHA-256
     */
    public String fingerprint(TuningConfig config, String baseModel) {
        TrainingExamples.Fingerprint digest = new TrainingExamples.Fingerprint();
        digest.add(new TrainingExample("recipe", recipe(config), baseModel));
        digest.add(new TrainingExample("examples", examples.fingerprint(), ""));
        return digest.hex();
    }

    /**
     * Everything in the recipe that changes the result, in a fixed order (a record's {@code toString} would list the
     * proportions map in an order that varies between JVM runs). Replicas and checkpoint cadence are left out: they
     * change neither the windows nor the updates.
     */
    private static String recipe(TuningConfig c) {
        Map<String, Double> proportions = new TreeMap<>(c.sourceProportions());
        return String.join("|", List.of(String.valueOf(c.steps()), String.valueOf(c.batchSize()),
                String.valueOf(c.gradientAccumulation()), String.valueOf(c.maxSeqLen()), String.valueOf(c.packing()),
                String.valueOf(c.learningRate()), String.valueOf(c.warmupSteps()), String.valueOf(c.beta1()),
                String.valueOf(c.beta2()), String.valueOf(c.epsilon()), String.valueOf(c.weightDecay()),
                String.valueOf(c.gradClipNorm()), String.valueOf(c.dropout()), String.valueOf(c.perTaskCap()),
                proportions.toString(), String.valueOf(c.seed())));
    }
}
