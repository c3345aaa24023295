package org.imlbench.reports;

/**
 * How the summary's numbers were computed, written into summary.json so that it documents itself.
 *
 * @param resamples bootstrap resamples per estimate
 * @param confidence the intervals' confidence level
 * @param seed the bootstrap's base seed (the run's seed)
 * @param units the units of every value
 * @param headline how each task's headline metric is chosen
 * @param aggregation how categories and splits are aggregated
 * @param deltas how tuned − base differences are estimated
 */
public record Method(int resamples, double confidence, long seed, String units, String headline,
                     String aggregation, String deltas) {
}
