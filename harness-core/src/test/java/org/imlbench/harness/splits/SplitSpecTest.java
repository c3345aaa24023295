package org.imlbench.harness.splits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitSpecTest {
    @Test
    void missingFieldsTakeDefaultsAndTheJsonRoundTrips() throws Exception {
        SplitSpec spec = SplitSpec.parse("{\"heldOutCategories\": [\"A\"]}", "x.json");
        assertEquals(List.of("A"), spec.heldOutCategories());
        assertEquals(SplitSpec.DEFAULT_EVAL_CAP, spec.evalCapPerTask());
        assertEquals(SplitSpec.DEFAULT_EVAL_INSTANCES_PER_TUNED_TASK, spec.evalInstancesPerTunedTask());
        assertEquals(SplitSpec.Selection.FIRST, spec.heldOutSelection());
        assertEquals(spec, SplitSpec.parse(spec.toJson(), "again"));
        SplitSpec capped = SplitSpec.parse("{\"evalCapPerSource\": {\"bbh\": 0}}", "y.json");
        assertEquals(capped, SplitSpec.parse(capped.toJson(), "again"));
        assertThrows(SplitSpecException.class, () -> SplitSpec.parse("{\"evalCapPerSource\": {\"bbh\": -2}}", "z"));
        assertTrue(spec.toJson().contains("\"heldOutSelection\" : \"first\""), spec.toJson());
    }

    @Test
    void sourceSplitRolesHaveOneNameThatNamesNoTaskSource() throws Exception {
        assertTrue(SplitSpec.parse("{\"useSourceSplitRoles\": true}", "new.json").useSourceSplitRoles());
        assertTrue(SplitSpec.parse("{}", "none.json").toJson().contains("\"useSourceSplitRoles\" : false"));
        // the name it had while only one task source gave roles is refused like any unknown key, naming the known ones
        SplitSpecException old = assertThrows(SplitSpecException.class,
                () -> SplitSpec.parse("{\"useNiv2SplitLists\": true}", "old.json"));
        assertTrue(old.getMessage().startsWith("old.json: ") && old.getMessage().contains("unknown key "
                + "\"useNiv2SplitLists\"") && old.getMessage().contains("useSourceSplitRoles)"), old.getMessage());
    }

    @Test
    void mistakesNameTheFileAndTheProblem() {
        SplitSpecException unknown = assertThrows(SplitSpecException.class,
                () -> SplitSpec.parse("{\n \"heldOutCategory\": []}", "my.json"));
        assertTrue(unknown.getMessage().startsWith("my.json: line 2"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("unknown key \"heldOutCategory\" (known: description, "
                + "evalCapPerSource, "), unknown.getMessage());
        SplitSpecException negative = assertThrows(SplitSpecException.class,
                () -> SplitSpec.parse("{\"trainCapPerTask\": -1}", "my.json"));
        assertTrue(negative.getMessage().contains(">= 0"), negative.getMessage());
        SplitSpecException selection = assertThrows(SplitSpecException.class,
                () -> SplitSpec.parse("{\"heldOutSelection\": \"last\"}", "my.json"));
        assertTrue(selection.getMessage().contains("first"), selection.getMessage());
        assertThrows(SplitSpecException.class, () -> SplitSpec.parse("{\"heldOutTasks\": [", "my.json"));
    }

    @Test
    void mergeUnitesListsAndKeepsTheFirstNumbers() {
        SplitSpec a = new SplitSpec("a", List.of("X"), List.of("t1"), List.of(), 10, 20, 30,
                SplitSpec.Selection.FIRST, true);
        SplitSpec b = new SplitSpec("b", List.of("Y", "X"), List.of("t2"), List.of("t3"), 1, 2, 3,
                SplitSpec.Selection.RANDOM, false);
        SplitSpec m = SplitSpec.merge(List.of(a, b));
        assertEquals(List.of("X", "Y"), m.heldOutCategories());
        assertEquals(List.of("t1", "t2"), m.heldOutTasks());
        assertEquals(List.of("t3"), m.excludedTasks());
        assertEquals(10, m.evalInstancesPerTunedTask());
        assertTrue(m.useSourceSplitRoles());
        assertEquals("a + b", m.description());
        SplitSpec pinned = SplitSpec.merge(List.of(a.pinEvalCap(List.of("niv2")), b.pinEvalCap(List.of("bbh"))));
        assertEquals(Map.of("niv2", 30, "bbh", 3), pinned.evalCapPerSource());
        SplitSpec eval = pinned.forEvaluationOnly(List.of("X", "Z"));
        assertEquals(List.of("X", "Z"), eval.heldOutCategories());
        assertEquals(List.of(), eval.heldOutTasks());
        assertEquals(pinned.evalCapPerSource(), eval.evalCapPerSource());
        assertEquals(List.of("t3"), eval.excludedTasks());
    }
}
