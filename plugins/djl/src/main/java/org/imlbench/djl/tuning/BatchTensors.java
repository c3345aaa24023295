package org.imlbench.djl.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.imlbench.djl.model.AttentionMasks;
import org.imlbench.djl.model.Positions;
import org.imlbench.tuningdata.TrainingBatch;

/**
 * A {@link TrainingBatch} as the tensors {@link org.imlbench.djl.model.OptModel#hidden} and the loss need, created
 * in the caller's manager.
 *
 * @param inputIds {@code [B, T]} int64
 * @param positionIds {@code [B, T]} int64, restarting at 0 for every packed example
 * @param attentionBias {@code [B, 1, T, T]} block-diagonal causal bias
 * @param lossIndex {@code [N]} int64 flat positions ({@code row * T + j}) that carry loss
 * @param lossLabels {@code [N, 1]} int64 tokens those positions predict
 */
public record BatchTensors(NDArray inputIds, NDArray positionIds, NDArray attentionBias, NDArray lossIndex,
                           NDArray lossLabels) {

    /**
     * @param manager where the arrays are created (they live as long as it)
     * @param batch the batch
     * @return its tensors
     */
    public static BatchTensors create(NDManager manager, TrainingBatch batch) {
        int b = batch.rows();
        int t = batch.length();
        long[] ids = new long[b * t];
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < t; j++) {
                ids[r * t + j] = batch.inputIds()[r][j];
            }
        }
        long[][] positions = Positions.perSegment(batch.segmentIds(), new long[b]);
        NDArray bias = AttentionMasks.packed(manager, new int[b][0], batch.segmentIds());
        long[] index = new long[batch.lossTokens()];
        long[] labels = new long[batch.lossTokens()];
        for (int k = 0; k < index.length; k++) {
            index[k] = batch.lossIndex()[k];
            labels[k] = batch.lossLabels()[k];
        }
        return new BatchTensors(owned(manager.create(ids, new Shape(b, t))),
                owned(Positions.toArray(manager, positions)), owned(bias),
                owned(manager.create(index, new Shape(index.length))),
                owned(manager.create(labels, new Shape(labels.length, 1))));
    }

    /**
     * A copy in memory PyTorch owns. An array DJL creates from Java values is a view of a direct buffer that only
     * its Java object keeps alive; the autograd graph keeps the tensor (embedding and gather save their indices for
     * the backward pass) but not that object, so once the object became unreachable the garbage collector could
     * free the buffer before the backward pass read it, and gradients then depended on the collector's timing.
     */
    private static NDArray owned(NDArray fromJava) {
        NDArray copy = fromJava.duplicate();
        fromJava.close();
        return copy;
    }
}
