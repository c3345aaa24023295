package org.imlbench.harness.splits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Instance;
import org.imlbench.api.Task;
import org.imlbench.rundir.Split;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeakageGuardTest {
    private static final String SHARED = "one two three four five six seven eight nine ten eleven twelve thirteen";

    private static Task task(String id, String category, String instruction, List<String> inputs) {
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            instances.add(Instance.generation(id + "/" + i, inputs.get(i), List.of("answer")));
        }
        return new Task(id, category, "test", instruction, List.of(), instances, Map.of());
    }

    private final OpenTasks open = new OpenTasks();

    @AfterEach
    void deleteStores() {
        open.close();
    }

    private Splits cut(List<Task> tasks) throws Exception {
        SplitSpec spec = new SplitSpec("", List.of("Held"), List.of(), List.of(), 0, 0, 0,
                SplitSpec.Selection.FIRST, false);
        return SplitBuilder.build(open.of(tasks, spec), spec, 1);
    }

    @Test
    void countsPairsSharingA13GramButNotShorterOverlaps() throws Exception {
        Task train = task("t/train", "Seen", "Do it.", List.of(
                "prefix " + SHARED + " suffix",        // shares the 13-gram
                "ONE, two; three four five six seven eight nine ten eleven twelve THIRTEEN!", // same words
                "one two three four five six seven eight nine ten eleven twelve",   // only 12 words
                "unrelated text"));
        Task held = task("t/held", "Held", "Other.", List.of(SHARED, "nothing in common", SHARED + " more"));
        LeakageReport report = LeakageGuard.check(cut(List.of(train, held)));
        LeakageReport.SplitLeakage s = report.splits().get(Split.FULLY_HELD_OUT);
        assertEquals(3, s.evaluationInstances());
        assertEquals(4, s.ngramPairs());
        assertEquals(2, s.instancesWithNgramOverlap());
        assertEquals(0, s.exactMatches());
        assertEquals(0, report.splits().get(Split.FULLY_SUPERVISED).evaluationInstances());
    }

    @Test
    void refusesEqualInputsUnlessAllowed() throws Exception {
        Task train = task("t/train", "Seen", "Same instruction.", List.of("what is 2 + 2", "b"));
        Task held = task("t/held", "Held", "Same instruction.", List.of("  what is  2 + 2 ", "c"));
        Task other = task("t/other", "Held", "Another instruction.", List.of("b"));
        Splits splits = cut(List.of(train, held, other));
        LeakageException e = assertThrows(LeakageException.class, () -> LeakageGuard.enforce(splits, false));
        assertTrue(e.getMessage().contains("fully_held_out (1 instance(s), e.g. t/held/t/held/0 = t/train/t/train/0)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--allow-overlap"));
        assertEquals(1, LeakageGuard.enforce(splits, true).splits().get(Split.FULLY_HELD_OUT).exactMatches());
    }
}
