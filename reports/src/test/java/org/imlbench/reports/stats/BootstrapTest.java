package org.imlbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.imlbench.reports.Estimate;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private final Bootstrap bootstrap = new Bootstrap(1000, 0.95, 42);

    @Test
    void constantValuesGiveADegenerateInterval() {
        Estimate estimate = bootstrap.mean(new double[] {0.25, 0.25, 0.25}, "k");
        assertEquals(0.25, estimate.value(), 1e-12);
        assertEquals(0.25, estimate.low(), 1e-12);
        assertEquals(0.25, estimate.high(), 1e-12);
        assertEquals(3, estimate.n());
    }

    @Test
    void intervalOfABernoulliMeanHasTheNormalApproximationsWidth() {
        Random random = new Random(7);
        double[] values = new double[400];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextBoolean() ? 1 : 0;
        }
        Estimate estimate = bootstrap.mean(values, "bernoulli");
        double se = Math.sqrt(estimate.value() * (1 - estimate.value()) / values.length);
        double width = estimate.high() - estimate.low();
        // 2 × 1.96 standard errors, within bootstrap noise
        assertEquals(2 * 1.96 * se, width, 0.2 * width);
        assertTrue(estimate.low() < estimate.value() && estimate.value() < estimate.high());
    }

    @Test
    void sameKeyAndSeedGiveTheSameIntervalOtherKeysAnother() {
        // continuous values: resample means of a few discrete values can share percentiles by chance
        double[] values = new Random(11).doubles(30).toArray();
        assertEquals(bootstrap.mean(values, "a"), new Bootstrap(1000, 0.95, 42).mean(values, "a"));
        assertNotEquals(bootstrap.mean(values, "a"), bootstrap.mean(values, "b"));
        assertNotEquals(bootstrap.mean(values, "a"), new Bootstrap(1000, 0.95, 43).mean(values, "a"));
    }

    @Test
    void macroMeanWeighsEveryStratumEqually() {
        double[] small = {1, 1};
        double[] large = {0, 0, 0, 0, 0, 0, 0, 0};
        Estimate estimate = bootstrap.macroMean(List.of(small, large), "macro");
        assertEquals(0.5, estimate.value(), 1e-12);
        assertEquals(10, estimate.n());
        // constant strata: resampling within strata cannot move the macro average
        assertEquals(0.5, estimate.low(), 1e-12);
        assertEquals(0.5, estimate.high(), 1e-12);
    }

    @Test
    void stratifiedIntervalIsNarrowerThanOneStratumsAlone() {
        Random random = new Random(3);
        double[] a = new double[100];
        double[] b = new double[100];
        for (int i = 0; i < 100; i++) {
            a[i] = random.nextDouble();
            b[i] = random.nextDouble();
        }
        Estimate one = bootstrap.mean(a, "a");
        Estimate both = bootstrap.macroMean(List.of(a, b), "ab");
        assertTrue(both.high() - both.low() < one.high() - one.low());
    }

    @Test
    void quantileInterpolatesLinearly() {
        double[] sorted = {0, 10, 20, 30, 40};
        assertEquals(0, Bootstrap.quantile(sorted, 0), 1e-12);
        assertEquals(5, Bootstrap.quantile(sorted, 0.125), 1e-12);
        assertEquals(40, Bootstrap.quantile(sorted, 1), 1e-12);
    }

    @Test
    void rejectsEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> bootstrap.mean(new double[0], "empty"));
        assertThrows(IllegalArgumentException.class, () -> bootstrap.macroMean(List.of(), "none"));
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(0, 0.95, 1));
    }
}
