package org.imlbench.djl.tuning;

import org.imlbench.api.TuningConfig;

/**
 * What {@link DataParallelTrainer} needs from a recipe.
 *
 * @param beta1 Adam's beta1
 * @param beta2 Adam's beta2
 * @param epsilon Adam's epsilon
 * @param weightDecay decoupled weight decay (not on biases and LayerNorm)
 * @param gradClipNorm global-norm clip, 0 for none
 * @param dropout dropout in training forward passes
 * @param gradientAccumulation micro-batches per replica and step
 * @param mixedPrecision float16 replicas with a float32 master and dynamic loss scaling
 * @param initialLossScale the first loss scale in mixed precision
 * @param padId the padding id
 */
public record TrainerSettings(double beta1, double beta2, double epsilon, double weightDecay, double gradClipNorm,
                              double dropout, int gradientAccumulation, boolean mixedPrecision,
                              double initialLossScale, int padId) {
    /** Checks the ranges. */
    public TrainerSettings {
        if (gradientAccumulation < 1 || dropout < 0 || dropout >= 1 || gradClipNorm < 0 || !(initialLossScale > 0)) {
            throw new IllegalArgumentException("bad trainer settings");
        }
    }

    /**
     * @param config the recipe
     * @param mixedPrecision whether to train float16 replicas
     * @param padId the padding id
     * @return the settings (mixed precision starts at loss scale 2^16)
     */
    public static TrainerSettings of(TuningConfig config, boolean mixedPrecision, int padId) {
        return new TrainerSettings(config.beta1(), config.beta2(), config.epsilon(), config.weightDecay(),
                config.gradClipNorm(), config.dropout(), config.gradientAccumulation(), mixedPrecision, 65536.0,
                padId);
    }

    /** @return a scaler for these settings */
    LossScaler newScaler() {
        return mixedPrecision ? new LossScaler(initialLossScale, 2000, Math.pow(2, -14)) : LossScaler.none();
    }
}
