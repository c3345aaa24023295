package org.imlbench.djl.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Collection;

/**
 * Global-norm gradient clipping as {@code torch.nn.utils.clip_grad_norm_} does it: one L2 norm over every gradient
 * of every parameter, {@code sqrt(sum of squared norms)}, and one scale factor {@code min(1, max / (norm + 1e-6))}
 * applied to all of them, so the update direction is kept. (DJL's {@code optClipGrad} clamps each element from above
 * only, which is neither.)
 */
public final class GlobalNorm {
    private GlobalNorm() {
    }

    /**
     * @param gradients every gradient (float32)
     * @return the global L2 norm; inf or NaN when a gradient holds one
     */
    public static double of(Collection<NDArray> gradients) {
        double sum = 0;
        for (NDArray g : gradients) {
            try (NDScope scope = new NDScope()) {
                double norm = g.norm().getFloat();
                sum += norm * norm;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * @param norm the global norm of the (unscaled) gradients
     * @param maxNorm the clip threshold; 0 or less disables clipping
     * @return the factor every gradient is multiplied by (at most 1)
     */
    public static double clipFactor(double norm, double maxNorm) {
        if (maxNorm <= 0) {
            return 1.0;
        }
        return Math.min(1.0, maxNorm / (norm + 1e-6));
    }
}
