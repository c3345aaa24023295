package org.imlbench.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.imlbench.api.Instance;
import org.imlbench.api.Options;
import org.imlbench.api.PromptContext;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.api.TaskSource;
import org.imlbench.tasks.bbh.BbhTaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;

/** Renders every real BIG-Bench Hard task with both BBH formats. */
class BbhFormatsTest {
    @Test
    void cotWithThreeShotsIsTheOfficialPromptAndDirectDropsTheReasoning() throws Exception {
        Path dir = SharedData.data("bbh");
        List<Task> tasks = LoadedSuite.read(new BbhTaskProvider(), new TaskSource("bbh", Optional.of(dir), 0, false,
                Options.empty()))
                .tasks();
        assertEquals(27, tasks.size());
        for (Task task : tasks) {
            Instance instance = task.instances().get(5);
            RenderedPrompt cot = new BbhCotFormat().render(new PromptContext(task, instance, 3, List.of()));
            assertEquals(task.attributes().get(Task.ATTR_COT_PROMPT) + "\n\nQ: " + instance.input()
                    + "\nA: Let's think step by step.", cot.source(), task.id());
            assertEquals(List.of("\n\nQ:"), cot.stopSequences());

            RenderedPrompt direct = new BbhDirectFormat().render(new PromptContext(task, instance, 3, List.of()));
            assertFalse(direct.source().contains("think step by step"), task.id());
            assertEquals(4, Pattern.compile("(?m)^Q: ").matcher(direct.source()).results().count(),
                    task.id());
            assertTrue(direct.source().endsWith("Q: " + instance.input() + "\nA:"), task.id());
            assertTrue(direct.source().startsWith(task.instruction() + "\n\nQ: "), task.id());
            assertEquals(" " + instance.references().get(0), direct.target());
            assertEquals(instance.options().size(), direct.continuations().size());
            for (var exemplar : task.demonstrations()) {
                String answer = BbhPrompts.answer(exemplar.output());
                assertTrue(direct.source().contains("\nA: " + answer + "\n\nQ: "), task.id() + " " + answer);
            }
            RenderedPrompt zero = new BbhDirectFormat().render(new PromptContext(task, instance, 0, List.of()));
            assertEquals(task.instruction() + "\n\nQ: " + instance.input() + "\nA:", zero.source());
        }
    }
}
