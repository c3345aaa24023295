package org.imlbench.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imlbench.api.Demonstration;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.junit.jupiter.api.Test;

class FormatsTest {
    private static final Instance PARITY = Instance.choice("p/1", "37", "odd", List.of("even", "odd"));
    private static final Instance UPPER = Instance.generation("u/1", "bako", List.of("BAKO"));
    private static final Task PARITY_TASK = new Task("synthetic/parity", "Arithmetic", "synthetic",
            "Is the number even or odd?", List.of(), List.of(PARITY, Instance.choice("p/2", "4", "even",
            List.of("even", "odd"))), Map.of());
    private static final Task NIV2_TASK = new Task("niv2/task1", "Misc.", "niv2", "Write the word in capitals.",
            List.of(new Demonstration("cat", "CAT", "capitals"), new Demonstration("dog", "DOG", "")),
            List.of(UPPER), Map.of());

    @Test
    void optimlZeroShotOptionsAndContinuations() {
        RenderedPrompt p = new OptimlFormat().render(new PromptContext(PARITY_TASK, PARITY, 0, List.of()));
        assertEquals("Is the number even or odd?\n37\nOPTIONS:\n- even\n- odd\nOutput:", p.source());
        assertEquals(" odd", p.target());
        assertEquals(List.of(" even", " odd"), p.continuations());
        RenderedPrompt g = new OptimlFormat().render(new PromptContext(NIV2_TASK, UPPER, 0, List.of()));
        assertEquals("Write the word in capitals.\nbako\nOutput:", g.source());
        assertTrue(g.continuations().isEmpty());
    }

    @Test
    void optimlFewShotUsesPoolInstances() {
        Instance other = Instance.choice("p/2", "4", "even", List.of("even", "odd"));
        RenderedPrompt p = new OptimlFormat().render(new PromptContext(PARITY_TASK, PARITY, 1, List.of(other)));
        assertEquals("Is the number even or odd?\n\n4\nOPTIONS:\n- even\n- odd\nOutput: even\n\n"
                + "37\nOPTIONS:\n- even\n- odd\nOutput:", p.source());
    }

    @Test
    void niv2FormatIsTkInstructStyle() {
        RenderedPrompt p = new Niv2Format().render(new PromptContext(NIV2_TASK, UPPER, 2, List.of()));
        assertEquals("Definition: Write the word in capitals.\n\n"
                + "Positive Example 1-\nInput: cat\nOutput: CAT\n\n"
                + "Positive Example 2-\nInput: dog\nOutput: DOG\n\n"
                + "Now complete the following example-\nInput: bako\nOutput:", p.source());
        assertEquals(" BAKO", p.target());
        RenderedPrompt zero = new Niv2Format().render(new PromptContext(NIV2_TASK, UPPER, 0, List.of()));
        assertEquals("Definition: Write the word in capitals.\n\nNow complete the following example-\n"
                + "Input: bako\nOutput:", zero.source());
        Instance pool = Instance.generation("u/9", "emu", List.of("EMU"));
        RenderedPrompt three = new Niv2Format().render(new PromptContext(NIV2_TASK, UPPER, 3, List.of(pool)));
        assertTrue(three.source().contains("Positive Example 3-\nInput: emu\nOutput: EMU\n\n"), three.source());
    }

    @Test
    void aDefinitionExampleEqualToTheInstanceIsNeverShown() {
        Instance cat = Instance.generation("u/2", " cat ", List.of("CAT"));
        RenderedPrompt p = new Niv2Format().render(new PromptContext(NIV2_TASK, cat, 2, List.of()));
        assertEquals("Definition: Write the word in capitals.\n\n"
                + "Positive Example 1-\nInput: dog\nOutput: DOG\n\n"
                + "Now complete the following example-\nInput: cat\nOutput:", p.source());
    }

    @Test
    void bbhFormatsRefuseOtherTasks() {
        PromptFormat direct = new BbhDirectFormat();
        assertFalse(direct.supports(NIV2_TASK));
        assertFalse(new BbhCotFormat().supports(NIV2_TASK));
        assertThrows(IllegalArgumentException.class,
                () -> direct.render(new PromptContext(NIV2_TASK, UPPER, 3, List.of())));
    }

    @Test
    void answerExtractionDropsReasoningAndPeriod() {
        assertEquals("(D)", BbhPrompts.answer("Let's think step by step.\nSo 10 days... So the answer is (D)."));
        assertEquals("] ] ]", BbhPrompts.answer("... So the answer is ] ] ]."));
        assertEquals("-8", BbhPrompts.answer("So the answer is 1. Then more. So the answer is -8."));
    }
}
