package org.imlbench.api;

/**
 * A metric aggregated over samples, with its bootstrap 95% confidence interval, in the metric's [0, 1] units.
 *
 * @param metric the metric's name
 * @param value the mean
 * @param low the interval's lower end
 * @param high the interval's upper end
 * @param n how many samples
 */
public record MetricValue(String metric, double value, double low, double high, int n) {
}
