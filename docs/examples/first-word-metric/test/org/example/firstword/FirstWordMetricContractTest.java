package org.example.firstword;

import org.imlbench.api.Metric;
import org.imlbench.testkit.MetricContract;

/** The plugin authors' contract kit, run against the example metric: one class is all it takes. */
class FirstWordMetricContractTest extends MetricContract {
    @Override
    protected Metric metric() {
        return new FirstWordMetric();
    }
}
