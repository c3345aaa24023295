package org.imlbench.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.Instance;
import org.imlbench.api.Prediction;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Sample;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.Task;

/**
 * Small, ordinary inputs the contracts use when a plugin author does not give their own: an option task and a
 * generation task, samples with right, wrong, empty and unusual predictions, and short score and generation requests.
 * Override the contract's corresponding method to use inputs your plugin is meant for.
 */
public final class ContractData {
    private ContractData() {
    }

    /** @return an option task (two and three options) and a generation task, three instances each */
    public static List<Task> tasks() {
        Task choice = new Task("contract/choice", "Contract Choice", "contract", "Answer the question.", List.of(),
                List.of(Instance.choice("1", "Is the sky blue on a clear day?", "yes", List.of("yes", "no")),
                        Instance.choice("2", "Which is a fruit?", "apple", List.of("stone", "apple", "chair")),
                        Instance.choice("3", "Is ice colder than steam?", "yes", List.of("yes", "no"))),
                Map.of());
        Task answer = new Task("contract/answer", "Contract Answer", "contract", "Complete the sentence.", List.of(),
                List.of(Instance.generation("1", "Two plus two is", List.of("four", "4")),
                        Instance.generation("2", "The capital of France is", List.of("Paris")),
                        Instance.generation("3", "Ünïcode ✓ and\ttabs:", List.of("ok"))),
                Map.of());
        return List.of(choice, answer);
    }

    /**
     * @param format the prompt format's name given to metrics
     * @return samples of {@link #tasks()}: option instances answered right and wrong by rank classification, generation
     *         instances answered exactly, wrongly, with an empty string and with extra whitespace and case
     */
    public static List<Sample> samples(String format) {
        List<Sample> out = new ArrayList<>();
        for (Task task : tasks()) {
            for (Instance instance : task.instances()) {
                RenderedPrompt prompt = new RenderedPrompt(instance.input(), " " + instance.references().get(0),
                        instance.options().stream().map(o -> " " + o).toList(), List.of("\n"));
                if (instance.hasOptions()) {
                    int right = instance.correctOptionIndices().get(0);
                    out.add(new Sample(task, instance, format, prompt, ranked(prompt, right)));
                    out.add(new Sample(task, instance, format, prompt, ranked(prompt, (right + 1)
                            % instance.options().size())));
                } else {
                    String reference = instance.references().get(0);
                    for (String text : List.of(reference, "something else", "", "  " + reference.toUpperCase()
                            + " .\n")) {
                        out.add(new Sample(task, instance, format, prompt, new Prediction.Text(text)));
                    }
                }
            }
        }
        return out;
    }

    private static Prediction.Ranked ranked(RenderedPrompt prompt, int best) {
        List<ContinuationScore> scores = new ArrayList<>();
        for (int i = 0; i < prompt.continuations().size(); i++) {
            scores.add(new ContinuationScore(i == best ? -1.0 : -3.0 - i, 1 + i, i == best));
        }
        return new Prediction.Ranked(prompt.continuations(), scores);
    }

    /** @return score requests with one to three continuations, one with a context shared by two requests */
    public static List<ScoreRequest> scoreRequests() {
        return List.of(
                new ScoreRequest("contract/choice", "1", "Question: Is the sky blue on a clear day? Answer:",
                        List.of(" yes", " no")),
                new ScoreRequest("contract/choice", "2", "Question: Which is a fruit? Answer:",
                        List.of(" stone", " apple", " chair")),
                new ScoreRequest("contract/answer", "1", "Two plus two is", List.of(" four")),
                new ScoreRequest("contract/answer", "2", "The capital of France is", List.of(" Paris", " Rome")),
                new ScoreRequest("contract/answer", "3", "The capital of France is", List.of(" Paris")));
    }

    /** @return greedy generation requests, one with a stop sequence */
    public static List<GenerateRequest> generateRequests() {
        return List.of(
                new GenerateRequest("contract/answer", "1", "Two plus two is", 4, List.of()),
                new GenerateRequest("contract/answer", "2", "The capital of France is", 6, List.of("\n")),
                new GenerateRequest("contract/answer", "3", "Hello", 3, List.of()));
    }
}
