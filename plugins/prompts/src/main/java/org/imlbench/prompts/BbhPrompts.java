package org.imlbench.prompts;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.Demonstration;
import org.imlbench.api.PromptContext;
import org.imlbench.api.Task;

/** What the two BIG-Bench Hard formats share: which tasks they accept, the exemplars and the answer extraction. */
final class BbhPrompts {
    static final String COT_TRIGGER = "Let's think step by step.";
    private static final String ANSWER_MARK = "So the answer is ";

    private BbhPrompts() {
    }

    /** @return whether the task carries BBH exemplars (a chain-of-thought prompt read by the {@code bbh} provider) */
    static boolean supports(Task task) {
        return task.attributes().containsKey(Task.ATTR_COT_PROMPT) && !task.demonstrations().isEmpty();
    }

    /**
     * @return the first {@code shots} chain-of-thought exemplars of the task (BBH ships 3), leaving out one whose
     *         question is the evaluated input
     */
    static List<Demonstration> exemplars(PromptContext context) {
        List<Demonstration> all = Shot.withoutInput(context.task().demonstrations(), context.instance().input());
        return all.subList(0, Math.min(context.shots(), all.size()));
    }

    /**
     * The final answer of a chain-of-thought exemplar: the text after its last "So the answer is ", without the
     * closing period.
     *
     * @param reasoning an exemplar's output
     * @return the answer
     * @throws IllegalArgumentException when the exemplar states no answer
     */
    static String answer(String reasoning) {
        int at = reasoning.lastIndexOf(ANSWER_MARK);
        if (at < 0) {
            throw new IllegalArgumentException("exemplar without \"" + ANSWER_MARK + "\": " + reasoning);
        }
        String answer = reasoning.substring(at + ANSWER_MARK.length()).strip();
        return answer.endsWith(".") ? answer.substring(0, answer.length() - 1).strip() : answer;
    }

    /** @return the task description followed by a blank line, or nothing when the task has none */
    static String header(Task task) {
        String description = task.instruction().strip();
        return description.isEmpty() ? "" : description + "\n\n";
    }

    static String joinBlocks(List<String> blocks) {
        return String.join("\n\n", new ArrayList<>(blocks));
    }
}
