package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;

/**
 * Tasks built to overlap: one instruction shared by all, inputs drawn from a small set of long phrases, so that
 * evaluation instances share word 13-grams and whole inputs with training instances of other tasks. The split
 * snapshot records the leakage report and demonstrations these give.
 */
final class OverlapFixture {
    private static final String[] WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
            + "omicron pi rho sigma tau upsilon phi chi psi omega").split(" ");

    private OverlapFixture() {
    }

    /** @return six tasks in three categories, 60 instances each, some inputs repeated within and across tasks */
    static List<Task> tasks() {
        Random random = new Random(42);
        List<String> phrases = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            StringBuilder phrase = new StringBuilder();
            int length = 8 + random.nextInt(20);
            for (int w = 0; w < length; w++) {
                phrase.append(w == 0 ? "" : random.nextInt(7) == 0 ? ",  " : " ").append(WORDS[random.nextInt(6)]);
            }
            phrases.add(phrase.toString());
        }
        List<Task> tasks = new ArrayList<>();
        String[] categories = {"A", "A", "B", "B", "C", "C"};
        for (int t = 0; t < 6; t++) {
            List<Instance> instances = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < 60; i++) {
                String input = phrases.get(random.nextInt(phrases.size()))
                        + (random.nextBoolean() ? " " + phrases.get(random.nextInt(phrases.size())) : "");
                String id = "t" + t + "-" + i;
                ids.add(id);
                instances.add(Instance.generation(id, random.nextInt(5) == 0 ? "  " + input + "\n" : input,
                        List.of(WORDS[random.nextInt(WORDS.length)])));
            }
            tasks.add(new Task("mix/t" + t, categories[t], "mix", "Echo the words.", List.of(), instances, Map.of()));
        }
        return tasks;
    }

    /** @return a spec holding out category C and task mix/t1, with small caps and random selection */
    static SplitSpec spec() {
        return new SplitSpec("overlap", List.of("C"), List.of("mix/t1"), List.of(), 10, 25, 15,
                SplitSpec.Selection.RANDOM, false);
    }
}
