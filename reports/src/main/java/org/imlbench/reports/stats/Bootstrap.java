package org.imlbench.reports.stats;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.imlbench.reports.Estimate;

/**
 * Seeded percentile bootstrap. Means of one task's per-sample values, and macro averages over tasks where each
 * resample draws samples within every task (a stratified bootstrap: the set of tasks is the benchmark and stays
 * fixed; the samples within a task are what varies). A paired difference is the mean of per-instance differences,
 * so it goes through the same two methods.
 *
 * <p>Every estimate draws from its own generator, seeded from the base seed and a key (e.g. split, task, role and
 * metric), so results do not depend on the order estimates are computed in.
 */
public final class Bootstrap {
    private final int resamples;
    private final double confidence;
    private final long seed;

    /**
     * Creates a bootstrap.
     *
     * @param resamples resamples per estimate (at least 1)
     * @param confidence the interval's confidence level, in (0, 1)
     * @param seed the base seed
     */
    public Bootstrap(int resamples, double confidence, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, not " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), not " + confidence);
        }
        this.resamples = resamples;
        this.confidence = confidence;
        this.seed = seed;
    }

    /**
     * The mean of values with its percentile interval.
     *
     * @param values the per-sample values (at least one)
     * @param key what is estimated, to derive this estimate's generator
     * @return the estimate
     */
    public Estimate mean(double[] values, String key) {
        return macroMean(List.of(values), key);
    }

    /**
     * The average over strata of each stratum's mean, with a percentile interval from resampling within strata.
     *
     * @param strata the per-sample values of each stratum (at least one stratum; none empty)
     * @param key what is estimated, to derive this estimate's generator
     * @return the estimate; its n is the total number of values
     */
    public Estimate macroMean(List<double[]> strata, String key) {
        if (strata.isEmpty()) {
            throw new IllegalArgumentException("no strata to average for " + key);
        }
        int n = 0;
        double point = 0;
        for (double[] stratum : strata) {
            if (stratum.length == 0) {
                throw new IllegalArgumentException("an empty stratum in " + key);
            }
            n += stratum.length;
            point += mean(stratum);
        }
        point /= strata.size();
        SplittableRandom random = new SplittableRandom(seedFor(key));
        double[] statistics = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (double[] stratum : strata) {
                double total = 0;
                for (int i = 0; i < stratum.length; i++) {
                    total += stratum[random.nextInt(stratum.length)];
                }
                sum += total / stratum.length;
            }
            statistics[b] = sum / strata.size();
        }
        Arrays.sort(statistics);
        double alpha = 1 - confidence;
        // the point estimate is kept inside its interval even when rounding puts it a hair outside
        double low = Math.min(point, quantile(statistics, alpha / 2));
        double high = Math.max(point, quantile(statistics, 1 - alpha / 2));
        return new Estimate(point, low, high, n);
    }

    /** @return the number of resamples */
    public int resamples() {
        return resamples;
    }

    /** @return the confidence level */
    public double confidence() {
        return confidence;
    }

    private static double mean(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total / values.length;
    }

    /** Linear interpolation between order statistics (numpy's default percentile). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /** 64-bit FNV-1a of the key, mixed with the base seed: stable across JVMs and platforms. */
    private long seedFor(String key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash ^ (seed * 0x9E3779B97F4A7C15L);
    }
}
