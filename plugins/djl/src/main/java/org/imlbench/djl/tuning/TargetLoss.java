package org.imlbench.djl.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.imlbench.djl.model.ForwardMode;
import org.imlbench.djl.model.OptModel;
import org.imlbench.tuningdata.TrainingBatch;

/**
 * The tuning objective for one micro-batch: the summed next-token negative log-likelihood of the target tokens (and
 * their closing {@code </s>}), as metaseq's instruction tuning computes it. Only the positions that carry loss go
 * through the output projection, which saves the {@code [B, T, V]} logits of every source and padding token.
 */
public final class TargetLoss {
    private TargetLoss() {
    }

    /**
     * Runs the model and returns the summed loss as a scalar that gradients can flow from.
     *
     * @param model the model
     * @param scope where every intermediate is created; the caller closes it after the backward pass
     * @param batch the batch
     * @param mode inference (no dropout) or training
     * @return the sum over loss positions of {@code -log p(label)}, a float32 scalar in {@code scope}
     */
    public static NDArray summed(OptModel model, NDManager scope, TrainingBatch batch, ForwardMode mode) {
        BatchTensors t = BatchTensors.create(scope, batch);
        NDArray hidden = model.hidden(scope, t.inputIds(), t.positionIds(), t.attentionBias(), null, mode);
        long width = hidden.getShape().get(2);
        NDArray rows = hidden.reshape(-1, width).get(new NDIndex("{}", t.lossIndex().toDevice(model.device(), false)));
        NDArray logits = model.logits(rows);                                 // [N, V] float32
        NDArray labels = t.lossLabels().toDevice(model.device(), false);
        return logits.logSoftmax(1).gather(labels, 1).sum().neg();
    }
}
