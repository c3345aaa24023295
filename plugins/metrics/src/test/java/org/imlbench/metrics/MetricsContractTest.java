package org.imlbench.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Instance;
import org.imlbench.api.Metric;
import org.imlbench.api.Prediction;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;
import org.imlbench.testkit.ContractData;
import org.imlbench.testkit.MetricContract;
import org.junit.jupiter.api.Nested;

/** Every built-in metric passes the plugin authors' contract kit. */
class MetricsContractTest {
    @Nested
    class AccuracyContract extends MetricContract {
        @Override
        protected Metric metric() {
            return new Accuracy();
        }
    }

    @Nested
    class AccuracyPerCharContract extends MetricContract {
        @Override
        protected Metric metric() {
            return new AccuracyPerChar();
        }
    }

    @Nested
    class AccuracyPerTokenContract extends MetricContract {
        @Override
        protected Metric metric() {
            return new AccuracyPerToken();
        }
    }

    @Nested
    class ExactMatchContract extends MetricContract {
        @Override
        protected Metric metric() {
            return new ExactMatch();
        }
    }

    @Nested
    class RougeLContract extends MetricContract {
        @Override
        protected Metric metric() {
            return new RougeLMetric();
        }
    }

    @Nested
    class TokenF1Contract extends MetricContract {
        @Override
        protected Metric metric() {
            return new TokenF1Metric();
        }
    }

    @Nested
    class BbhExactMatchContract extends MetricContract {
        @Override
        protected Metric metric() {
            return new BbhExactMatch();
        }

        /** BBH-sourced tasks answered directly and with chain-of-thought endings, right and wrong. */
        @Override
        protected List<Sample> samples() {
            Task task = new Task("bbh/navigate", "BIG-Bench Hard", "bbh", "", List.of(),
                    List.of(Instance.choice("navigate/0", "Do you return?\nOptions:\n- Yes\n- No", "Yes",
                            List.of("Yes", "No"))), Map.of());
            Instance instance = task.instances().get(0);
            RenderedPrompt prompt = new RenderedPrompt("Q: " + instance.input() + "\nA:", " Yes",
                    List.of(" Yes", " No"), List.of("\n\n"));
            List<Sample> out = new ArrayList<>();
            for (String format : List.of("bbh-direct", "bbh-cot")) {
                for (String text : List.of("Yes", "No", "", "Let's think. So the answer is Yes.",
                        "So the answer is No.")) {
                    out.add(new Sample(task, instance, format, prompt, new Prediction.Text(text)));
                }
            }
            out.addAll(ContractData.samples("optiml"));
            return out;
        }
    }
}
