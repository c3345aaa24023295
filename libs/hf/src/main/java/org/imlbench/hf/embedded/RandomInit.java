package org.imlbench.hf.embedded;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.hf.checkpoint.OptParameterNames;

/**
 * Seeded initial values for one parameter, following Hugging Face's {@code OPTPreTrainedModel._init_weights}.
 * Each tensor draws from its own generator (seed mixed with the tensor's name), so values do not depend on the
 * order tensors are created in.
 */
public final class RandomInit {
    /** Hugging Face's {@code init_std} for OPT. */
    static final double STD = 0.02;

    private RandomInit() {
    }

    public static float[] values(OptConfig config, String name, long[] shape, long seed) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor " + name + " is too large to initialise: " + n);
        }
        float[] v = new float[(int) n];
        boolean layerNorm = name.contains("layer_norm");
        if (name.endsWith(".bias")) {
            return v;
        }
        if (layerNorm) {
            Arrays.fill(v, 1f);
            return v;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * STD);
        }
        if (name.equals(OptParameterNames.EMBED_TOKENS)) {
            int pad = config.padTokenId();
            int width = (int) shape[1];
            if (pad >= 0 && pad < shape[0]) {
                Arrays.fill(v, pad * width, (pad + 1) * width, 0f);
            }
        }
        return v;
    }
}
