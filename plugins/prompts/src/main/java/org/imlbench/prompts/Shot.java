package org.imlbench.prompts;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.Demonstration;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;

/**
 * One worked example placed before the evaluated input, whether it comes from the task definition
 * ({@link Demonstration}) or from the training pool ({@link Instance}).
 *
 * @param input the example's input
 * @param options its answer options (empty for a generation example)
 * @param answer its answer
 */
record Shot(String input, List<String> options, String answer) {
    Shot {
        options = List.copyOf(options);
    }

    /**
     * @param demonstrations a task's demonstrations
     * @param input the evaluated input
     * @return the demonstrations whose input differs from it (ignoring surrounding and repeated whitespace)
     */
    static List<Demonstration> withoutInput(List<Demonstration> demonstrations, String input) {
        String key = normalize(input);
        return demonstrations.stream().filter(d -> !normalize(d.input()).equals(key)).toList();
    }

    private static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    static Shot of(Instance instance) {
        return new Shot(instance.input(), instance.options(), instance.references().get(0));
    }

    static Shot of(Demonstration demonstration) {
        return new Shot(demonstration.input(), List.of(), demonstration.output());
    }

    /** @return the context's {@code shots} pool instances, in the order the harness drew them */
    static List<Shot> fromPool(PromptContext context) {
        return context.demonstrations().stream().limit(context.shots()).map(Shot::of).toList();
    }

    /**
     * The task's own demonstrations first (NIv2's positive examples), then pool instances if more shots are asked
     * for than the task defines. A definition example whose input is the evaluated input is skipped, so that a
     * prompt never shows the answer it asks for.
     *
     * @param context the context
     * @return {@code shots} examples, or fewer when both sources run out
     */
    static List<Shot> definitionFirst(PromptContext context) {
        List<Shot> shots = new ArrayList<>();
        for (Demonstration d : withoutInput(context.task().demonstrations(), context.instance().input())) {
            if (shots.size() == context.shots()) {
                return shots;
            }
            shots.add(of(d));
        }
        for (Instance i : context.demonstrations()) {
            if (shots.size() == context.shots()) {
                break;
            }
            shots.add(of(i));
        }
        return shots;
    }
}
