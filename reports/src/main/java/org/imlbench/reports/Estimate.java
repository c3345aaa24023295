package org.imlbench.reports;

import org.imlbench.api.MetricValue;

/**
 * A mean with its bootstrap confidence interval, in the metric's [0, 1] units (reports show it ×100).
 *
 * @param value the point estimate (a mean, a macro average over tasks, or a mean paired difference)
 * @param low the interval's lower end
 * @param high the interval's upper end
 * @param n how many samples (or matched pairs) the estimate rests on
 */
public record Estimate(double value, double low, double high, int n) {
    /** Checks that the interval is ordered. */
    public Estimate {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] is not ordered");
        }
    }

    /** @return true when the whole interval lies below 0 (a significant drop, for a difference) */
    public boolean entirelyBelowZero() {
        return high < 0;
    }

    /** @return true when the whole interval lies above 0 (a significant gain, for a difference) */
    public boolean entirelyAboveZero() {
        return low > 0;
    }

    /**
     * This estimate as the API's value type.
     *
     * @param metric the metric's name
     * @return the metric value
     */
    public MetricValue toMetricValue(String metric) {
        return new MetricValue(metric, value, low, high, n);
    }
}
