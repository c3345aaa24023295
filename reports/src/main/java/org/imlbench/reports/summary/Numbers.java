package org.imlbench.reports.summary;

import java.util.Locale;
import org.imlbench.reports.Estimate;

/** How reports print scores: ×100 with one decimal, differences with a sign (Unicode minus). */
public final class Numbers {
    private Numbers() {
    }

    /**
     * A score ×100.
     *
     * @param value a value in [0, 1]
     * @return e.g. {@code 61.2}, or {@code –} when there is none
     */
    public static String percent(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value * 100);
    }

    /**
     * A difference ×100 with its sign.
     *
     * @param value a difference of [0, 1] values
     * @return e.g. {@code +3.1} or {@code −2.0}
     */
    public static String signed(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        String text = String.format(Locale.ROOT, "%+.1f", value * 100);
        return text.replace("-", "−");
    }

    /**
     * An interval ×100.
     *
     * @param estimate the estimate
     * @param signed true to print signs (for differences)
     * @return e.g. {@code [58.0, 64.3]}
     */
    public static String interval(Estimate estimate, boolean signed) {
        return "[" + (signed ? signed(estimate.low()) : percent(estimate.low())) + ", "
                + (signed ? signed(estimate.high()) : percent(estimate.high())) + "]";
    }

    /**
     * An estimate ×100 with its interval.
     *
     * @param estimate the estimate
     * @return e.g. {@code 61.2 [58.0, 64.3]}
     */
    public static String withInterval(Estimate estimate) {
        return percent(estimate.value()) + " " + interval(estimate, false);
    }
}
