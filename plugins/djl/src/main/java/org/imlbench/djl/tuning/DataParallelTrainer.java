package org.imlbench.djl.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.imlbench.djl.model.ForwardMode;
import org.imlbench.djl.model.OptModel;
import org.imlbench.tuningdata.EncodedExample;
import org.imlbench.tuningdata.TrainingBatch;

/**
 * One optimizer step over a global batch of windows, on N data-parallel replicas (one per device; several on the CPU
 * in tests). Each replica takes a contiguous slice of the batch, split into micro-batches for gradient
 * accumulation; every micro-batch's summed target loss is divided by the target-token count of the whole global
 * batch before its backward pass, so the summed gradients equal the gradient of the batch's mean target loss, exactly
 * as one replica on the full batch would compute it. Then, once: global-norm clipping, one AdamW update of the
 * float32 master weights, and the new weights copied to every replica. There is one step counter.
 *
 * <p>Dropout draws from PyTorch's generator, reseeded before every step from the run's seed and the step number, so
 * a resumed run draws the same masks. On the CPU all replicas share that generator, so with dropout on they run one
 * after another to keep the draw order fixed; without dropout (and on GPUs, which have a generator each) they run in
 * parallel.
 */
public final class DataParallelTrainer implements AutoCloseable {
    private final List<OptModel> replicas;
    private final TrainerSettings settings;
    private final MasterWeights master;
    private final AdamW optimizer;
    private final LossScaler scaler;
    private final ReplicaPool pool;

    /**
     * @param replicas models with identical weights, one per device; the trainer updates them in place but does not
     *                 close them
     * @param settings the recipe
     */
    public DataParallelTrainer(List<OptModel> replicas, TrainerSettings settings) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("no replica");
        }
        this.replicas = List.copyOf(replicas);
        this.settings = settings;
        this.master = Autograd.withGradMode(false, () -> new MasterWeights(replicas, settings.mixedPrecision()));
        this.optimizer = new AdamW(master.parameters(), settings.beta1(), settings.beta2(), settings.epsilon(),
                settings.weightDecay());
        this.scaler = settings.newScaler();
        this.pool = new ReplicaPool(replicas.size());
    }

    /**
     * Runs one optimizer step.
     *
     * @param windows the global batch: its size must be a multiple of replicas x gradient accumulation
     * @param learningRate the step's rate
     * @param dropoutSeed seeds the dropout masks of this step
     * @return what the step did
     * @throws IOException when a replica fails
     */
    public StepOutcome step(List<List<EncodedExample>> windows, double learningRate, long dropoutSeed)
            throws IOException {
        ForwardMode mode = settings.dropout() > 0 ? new ForwardMode.Training((float) settings.dropout())
                : new ForwardMode.Training(0f);
        if (settings.dropout() > 0) {
            JniUtils.setSeed(dropoutSeed);
        }
        double lossSum = accumulate(windows, mode, scaler.scale());
        long lossTokens = lossTokens(windows);
        return Autograd.withGradMode(false, () -> {
            try (NDScope scope = new NDScope()) {
                Map<String, NDArray> gradients = master.gradients();
                double norm = GlobalNorm.of(gradients.values()) / scaler.scale();
                boolean overflow = !Double.isFinite(norm) || !Double.isFinite(lossSum);
                double usedScale = scaler.scale();
                boolean apply = scaler.update(overflow);
                if (apply) {
                    double factor = GlobalNorm.clipFactor(norm, settings.gradClipNorm()) / usedScale;
                    if (factor != 1.0) {
                        gradients.values().forEach(g -> g.muli(factor));
                    }
                    optimizer.step(master.parameters(), gradients, learningRate);
                    master.publish();
                }
                master.zeroGradients();
                return new StepOutcome(lossSum / lossTokens, norm, apply, lossTokens, realTokens(windows));
            }
        });
    }

    /**
     * The mean target loss of a batch and the global norm of its gradient, without changing any weight (dropout
     * off). This is the quantity the optimizer would act on.
     *
     * @param rows the batch's rows (one example per row: unpacked; several: packed)
     * @return loss and gradient norm; {@link StepOutcome#applied()} is false
     * @throws IOException when a replica fails
     */
    public StepOutcome evaluate(List<List<EncodedExample>> rows) throws IOException {
        double lossSum = accumulate(rows, ForwardMode.INFERENCE, 1.0);
        long lossTokens = lossTokens(rows);
        return Autograd.withGradMode(false, () -> {
            try (NDScope scope = new NDScope()) {
                double norm = GlobalNorm.of(master.gradients().values());
                master.zeroGradients();
                return new StepOutcome(lossSum / lossTokens, norm, false, lossTokens, realTokens(rows));
            }
        });
    }

    private double accumulate(List<List<EncodedExample>> windows, ForwardMode mode, double lossScale)
            throws IOException {
        int n = replicas.size();
        int micro = settings.gradientAccumulation();
        if (windows.size() % (n * micro) != 0) {
            throw new IllegalArgumentException("a batch of " + windows.size() + " rows does not split into "
                    + n + " replicas x " + micro + " micro-batches");
        }
        long lossTokens = lossTokens(windows);
        if (lossTokens == 0) {
            throw new IllegalArgumentException("the batch has no target token");
        }
        int perReplica = windows.size() / n;
        int perMicro = perReplica / micro;
        boolean sharedGenerator = mode instanceof ForwardMode.Training t && t.dropout() > 0
                && replicas.stream().anyMatch(r -> !r.device().isGpu());
        List<Double> sums = pool.run(sharedGenerator, k -> Autograd.withGradMode(true, () -> {
            OptModel model = replicas.get(k);
            double sum = 0;
            for (int m = 0; m < micro; m++) {
                int from = k * perReplica + m * perMicro;
                TrainingBatch batch = TrainingBatch.of(windows.subList(from, from + perMicro), settings.padId());
                if (batch.lossTokens() == 0) {
                    continue;
                }
                try (NDManager scope = model.manager().newSubManager()) {
                    NDArray nll = TargetLoss.summed(model, scope, batch, mode);
                    Autograd.backward(nll, lossScale / lossTokens);
                    sum += nll.getFloat();
                }
            }
            return sum;
        }));
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        return total;
    }

    private static long lossTokens(List<List<EncodedExample>> rows) {
        long n = 0;
        for (List<EncodedExample> row : rows) {
            for (EncodedExample e : row) {
                n += e.lossTokens();
            }
        }
        return n;
    }

    private static long realTokens(List<List<EncodedExample>> rows) {
        long n = 0;
        for (List<EncodedExample> row : rows) {
            for (EncodedExample e : row) {
                n += e.length();
            }
        }
        return n;
    }

    /** @return the float32 master weights by name (live arrays) */
    public Map<String, NDArray> masterWeights() {
        return master.parameters();
    }

    /** @return whether the replicas are float16 with a float32 master */
    public boolean mixedPrecision() {
        return master.mixed();
    }

    /** @return the optimizer */
    public AdamW optimizer() {
        return optimizer;
    }

    /** @return the loss scaler */
    public LossScaler scaler() {
        return scaler;
    }

    /** @return the replicas */
    public List<OptModel> replicas() {
        return replicas;
    }

    /**
     * Sets the float32 master weights (and, rounded, every replica's). Mixed precision starts from the checkpoint's
     * float32 values this way instead of from the float16 replicas.
     *
     * @param values float32 values by parameter name
     */
    public void setMasterWeights(Map<String, float[]> values) {
        Autograd.withGradMode(false, () -> {
            master.restore(values);
            return null;
        });
    }

    /**
     * Continues from saved state.
     *
     * @param masterValues the float32 master weights, or null when the replicas were loaded with them already
     * @param adamUpdates Adam's t
     * @param first first moments
     * @param second second moments
     * @param scalerState the loss scaler's state
     */
    public void restore(Map<String, float[]> masterValues, int adamUpdates, Map<String, float[]> first,
                        Map<String, float[]> second, LossScaler.State scalerState) {
        Autograd.withGradMode(false, () -> {
            if (masterValues != null) {
                master.restore(masterValues);
            }
            optimizer.restore(adamUpdates, first, second);
            return null;
        });
        scaler.restore(scalerState);
    }

    @Override
    public void close() {
        pool.close();
        optimizer.close();
        master.close();
    }
}
