package org.imlbench.metrics;

import java.util.List;
import java.util.Map;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.Instance;
import org.imlbench.api.Prediction;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;

/** Builds tasks and samples for metric tests. */
final class Samples {
    private Samples() {
    }

    static Task task(String source, Instance instance) {
        return new Task(source + "/t", "Category", source, "", List.of(), List.of(instance), Map.of());
    }

    static Sample text(String source, String format, Instance instance, String output) {
        return new Sample(task(source, instance), instance, format, prompt(instance), new Prediction.Text(output));
    }

    static Sample generation(String output, String... references) {
        return text("niv2", "optiml", Instance.generation("1", "input", List.of(references)), output);
    }

    static Sample ranked(Instance instance, List<ContinuationScore> scores) {
        return new Sample(task("synthetic", instance), instance, "optiml", prompt(instance),
                new Prediction.Ranked(instance.options(), scores));
    }

    private static RenderedPrompt prompt(Instance instance) {
        return new RenderedPrompt("prompt", instance.references().get(0), instance.options(), List.of());
    }
}
