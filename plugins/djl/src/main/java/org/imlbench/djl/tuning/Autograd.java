package org.imlbench.djl.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * PyTorch autograd for several threads at once. DJL's {@code GradientCollector} allows one collector in the whole
 * process (a static flag), so data-parallel replicas cannot each hold one; PyTorch's grad mode is per thread, so
 * every replica thread switches it on for its own forward and backward passes, and optimizer updates run with it
 * off (in-place updates of leaf tensors are only allowed then).
 */
final class Autograd {
    private Autograd() {
    }

    /**
     * Runs work with gradient recording on or off on this thread, restoring the previous mode afterwards.
     *
     * @param enabled whether operations are recorded
     * @param work the work
     * @param <T> its result
     * @return the work's result
     */
    static <T> T withGradMode(boolean enabled, Supplier<T> work) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /**
     * Back-propagates {@code weight * scalar}, adding into the {@code .grad} of every leaf that requires gradients.
     *
     * <p>The weight is the seed gradient of the backward pass rather than a multiplication in the graph: DJL's
     * {@code mul(Number)} wraps the number in a tensor over a Java direct buffer and closes it at once, while
     * autograd keeps that tensor for the backward pass; the garbage collector may free the buffer in between, and
     * the gradient is then scaled by whatever the memory holds. The seed here is allocated by PyTorch.
     *
     * @param scalar the objective
     * @param weight what the objective is multiplied by
     */
    static void backward(NDArray scalar, double weight) {
        if (scalar.getShape().dimension() != 0) {
            throw new IllegalArgumentException("backward from a non-scalar of shape " + scalar.getShape());
        }
        try (NDArray seed = scalar.getManager().full(new Shape(), (float) weight, scalar.getDataType())) {
            JniUtils.backward((PtNDArray) scalar, (PtNDArray) seed.toDevice(scalar.getDevice(), false), false, false);
        }
    }

    /**
     * Zeroes a parameter's accumulated gradient in place (inf and NaN included); no-op when it has none yet.
     *
     * @param parameter the parameter
     */
    static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }
}
