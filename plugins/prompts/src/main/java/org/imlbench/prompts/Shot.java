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
     * for than the task defines.
     *
     * @param context the context
     * @return {@code shots} examples, or fewer when both sources run out
     */
    static List<Shot> definitionFirst(PromptContext context) {
        List<Shot> shots = new ArrayList<>();
        for (Demonstration d : context.task().demonstrations()) {
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
