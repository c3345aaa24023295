package org.imlbench.harness.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Capability;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.Instance;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.Metric;
import org.imlbench.api.Prediction;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Sample;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.ScoreResult;
import org.imlbench.api.Task;
import org.imlbench.rundir.Role;
import org.imlbench.rundir.SampleRecord;
import org.imlbench.rundir.Split;

/**
 * Evaluates the instances of one task with one model: option tasks by rank classification (when the model can
 * score), everything else by greedy generation; then applies every metric that applies to the task.
 *
 * <p>All instances of a task go to the model in one call so that the backend can batch them by length.
 */
public final class TaskEvaluator {
    private final List<Metric> metrics;
    private final String format;
    private final int maxNewTokens;

    /**
     * @param metrics the metrics to apply (each only where it {@linkplain Metric#appliesTo applies})
     * @param format the prompt format's name
     * @param maxNewTokens the generation limit
     */
    public TaskEvaluator(List<Metric> metrics, String format, int maxNewTokens) {
        this.metrics = List.copyOf(metrics);
        this.format = format;
        this.maxNewTokens = maxNewTokens;
    }

    /**
     * Evaluates some instances of a task (all of them, unless the run is sharded).
     *
     * @param model the model
     * @param task the task, holding the instances of its split
     * @param positions which of the task's instances to evaluate, ascending; recorded in every sample
     * @param prompts renders each instance
     * @param split the split, recorded in every sample
     * @param role the model's role, recorded in every sample
     * @param progress told as instances finish
     * @return one record per evaluated instance, in instance order
     * @throws IOException when the model fails
     */
    public List<SampleRecord> evaluate(LanguageModel model, Task task, int[] positions, PromptSource prompts,
                                       Split split, Role role, ProgressListener progress) throws IOException {
        List<Instance> instances = ShardPlan.instances(positions, task);
        List<RenderedPrompt> rendered = new ArrayList<>(instances.size());
        for (Instance instance : instances) {
            RenderedPrompt prompt = prompts.render(task, instance);
            if (instance.hasOptions() && prompt.continuations().size() != instance.options().size()) {
                throw new IllegalStateException("format " + format + " rendered " + prompt.continuations().size()
                        + " continuations for the " + instance.options().size() + " options of " + instance.id());
            }
            rendered.add(prompt);
        }
        boolean rank = task.hasOptions() && model.capabilities().contains(Capability.SCORE);
        List<Prediction> predictions = rank ? rank(model, task, instances, rendered, progress)
                : generate(model, task, instances, rendered, progress);
        List<SampleRecord> records = new ArrayList<>(rendered.size());
        for (int i = 0; i < rendered.size(); i++) {
            records.add(record(task, instances.get(i), positions[i], rendered.get(i), predictions.get(i), split,
                    role));
        }
        return records;
    }

    private List<Prediction> rank(LanguageModel model, Task task, List<Instance> instances,
                                  List<RenderedPrompt> rendered, ProgressListener progress) throws IOException {
        List<ScoreRequest> requests = new ArrayList<>(rendered.size());
        for (int i = 0; i < rendered.size(); i++) {
            requests.add(new ScoreRequest(task.id(), instances.get(i).id(), rendered.get(i).source(),
                    rendered.get(i).continuations()));
        }
        List<ScoreResult> results = model.score(requests, progress);
        checkCount(task, requests.size(), results.size());
        List<Prediction> predictions = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            predictions.add(new Prediction.Ranked(rendered.get(i).continuations(), results.get(i).scores()));
        }
        return predictions;
    }

    private List<Prediction> generate(LanguageModel model, Task task, List<Instance> instances,
                                      List<RenderedPrompt> rendered, ProgressListener progress) throws IOException {
        List<GenerateRequest> requests = new ArrayList<>(rendered.size());
        for (int i = 0; i < rendered.size(); i++) {
            requests.add(new GenerateRequest(task.id(), instances.get(i).id(), rendered.get(i).source(),
                    maxNewTokens, rendered.get(i).stopSequences()));
        }
        List<GenerateResult> results = model.generate(requests, progress);
        checkCount(task, requests.size(), results.size());
        List<Prediction> predictions = new ArrayList<>(results.size());
        for (GenerateResult result : results) {
            // A missing prediction stays null: recorded as missing, never scored.
            predictions.add(result instanceof GenerateResult.Generated generated
                    ? new Prediction.Text(generated.text()) : null);
        }
        return predictions;
    }

    private static void checkCount(Task task, int asked, int answered) {
        if (asked != answered) {
            throw new IllegalStateException("the model answered " + answered + " of " + asked + " requests of task "
                    + task.id());
        }
    }

    /**
     * The options as the model saw them: the format's continuations (an lm-eval task's carry its target delimiter,
     * the optiml format's a leading space), so that a sample shows exactly what was scored.
     */
    private static List<String> scoredOptions(Instance instance, RenderedPrompt prompt) {
        return instance.hasOptions() ? prompt.continuations() : List.of();
    }

    /** A null prediction means the backend had none: recorded as missing, never scored. */
    private SampleRecord record(Task task, Instance instance, int position, RenderedPrompt prompt,
                                Prediction prediction, Split split, Role role) {
        List<Double> logLikelihoods = List.of();
        List<Integer> tokenCounts = List.of();
        String text = "";
        Map<String, Double> values = new LinkedHashMap<>();
        if (prediction instanceof Prediction.Ranked ranked) {
            logLikelihoods = ranked.scores().stream().map(ContinuationScore::logLikelihood).toList();
            tokenCounts = ranked.scores().stream().map(ContinuationScore::tokenCount).toList();
            text = instance.options().get(ranked.best(Prediction.LengthNormalization.NONE));
        } else if (prediction instanceof Prediction.Text generated) {
            text = generated.text();
        }
        if (prediction != null) {
            Sample sample = new Sample(task, instance, format, prompt, prediction);
            for (Metric metric : metrics) {
                if (metric.appliesTo(task, format) && metric.accepts(prediction)) {
                    values.put(metric.name(), metric.score(sample));
                }
            }
        }
        return new SampleRecord(task.id(), instance.id(), task.category(), task.source(), split, role,
                prompt.source(), prompt.target(), instance.references(), scoredOptions(instance, prompt),
                logLikelihoods, tokenCounts, text, prediction == null, values, position);
    }
}
