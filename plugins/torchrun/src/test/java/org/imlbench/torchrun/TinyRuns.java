package org.imlbench.torchrun;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.TrainingExamples;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.TuningRequest;
import org.imlbench.testkit.ArithmeticExamples;
import org.imlbench.testkit.PythonTorch;
import org.imlbench.testkit.SharedData;

/** Test helpers: small tuning requests on the tiny OPT fixtures. */
final class TinyRuns {
    private TinyRuns() {
    }

    /** The arithmetic questions every tuning backend's tests train on. */
    static TrainingExamples examples() {
        return ArithmeticExamples.training();
    }

    /** A packed recipe on 48-token windows (the fixtures have 64 positions). */
    static TuningConfig.Builder recipe(int steps) {
        return TuningConfig.optImlBuilder().steps(steps).batchSize(4).maxSeqLen(48).learningRate(3e-3)
                .warmupSteps(2).weightDecay(0.01).dropout(0.0).perTaskCap(15).seed(7);
    }

    /**
     * @param fixture e.g. {@code opt-tiny}
     * @param out the output directory
     * @param config the recipe
     * @param resume whether to resume
     * @param options backend options besides the Python found for the tests
     * @return the request
     */
    static TuningRequest request(String fixture, Path out, TuningConfig config, boolean resume,
                                 Map<String, String> options) {
        Map<String, String> all = new TreeMap<>(options);
        all.putIfAbsent("python", PythonTorch.require());
        all.putIfAbsent("threads", "1");
        return new TuningRequest(ModelRequest.of(SharedData.fixtures("opt/" + fixture).toString(), "cpu", all), out,
                examples(), config, resume);
    }
}
