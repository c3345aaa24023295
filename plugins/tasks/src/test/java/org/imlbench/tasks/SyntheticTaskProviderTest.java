package org.imlbench.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.imlbench.api.Instance;
import org.imlbench.api.Options;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.api.UsageException;
import org.imlbench.tasks.synthetic.SyntheticTaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.junit.jupiter.api.Test;

class SyntheticTaskProviderTest {
    private final SyntheticTaskProvider provider = new SyntheticTaskProvider();

    private LoadedSuite load(long seed, Map<String, String> options) throws TaskLoadException {
        return LoadedSuite.read(provider,
                new TaskSource("synthetic", Optional.empty(), seed, false, Options.of(options)));
    }

    @Test
    void eightCategoriesOfThreeTasksMixingOptionAndGenerationTasks() throws Exception {
        LoadedSuite suite = load(7, Map.of());
        Map<String, Long> perCategory = suite.tasks().stream()
                .collect(Collectors.groupingBy(Task::category, Collectors.counting()));
        assertTrue(perCategory.size() >= 8, perCategory.toString());
        perCategory.values().forEach(n -> assertTrue(n >= 3, perCategory.toString()));
        long optionTasks = suite.tasks().stream().filter(Task::hasOptions).count();
        assertTrue(optionTasks >= 6 && optionTasks <= suite.tasks().size() - 6, "options: " + optionTasks);
        for (Task task : suite.tasks()) {
            assertTrue(task.id().startsWith("synthetic/"));
            assertTrue(task.instruction().endsWith(".") || task.instruction().endsWith("?"));
            assertEquals(SyntheticTaskProvider.DEFAULT_INSTANCES, task.instances().size());
            Set<String> inputs = new HashSet<>();
            for (Instance i : task.instances()) {
                assertTrue(inputs.add(i.input()), "duplicate input in " + task.id());
                assertTrue(i.input().length() <= 40, i.input());
                assertTrue(i.references().get(0).length() <= 12, i.references().get(0));
            }
            if (task.hasOptions()) {
                // both answers occur, so a constant guess cannot solve an option task
                long distinct = task.instances().stream().map(i -> i.references().get(0)).distinct().count();
                assertTrue(distinct >= 2, task.id());
            }
        }
        assertTrue(suite.info().defaultSplitSpec().orElseThrow().contains("heldOutCategories"));
    }

    @Test
    void sameSeedIsIdenticalOtherSeedDiffers() throws Exception {
        List<Task> a = load(42, Map.of()).tasks();
        assertEquals(a, load(42, Map.of()).tasks());
        List<Task> b = load(43, Map.of()).tasks();
        assertNotEquals(a.get(0).instances(), b.get(0).instances());
    }

    @Test
    void instanceCountIsConfigurable() throws Exception {
        assertEquals(20, load(1, Map.of("instances", "20")).tasks().get(0).instances().size());
        // every task has room for well over the default number of distinct inputs
        load(1, Map.of("instances", "600")).tasks().forEach(t -> assertEquals(600, t.instances().size()));
        UsageException bad = assertThrows(UsageException.class, () -> load(1, Map.of("instances", "lots")));
        assertTrue(bad.getMessage().contains("instances='lots'"), bad.getMessage());
        assertThrows(UsageException.class, () -> load(1, Map.of("instances", "1")));
        assertThrows(UsageException.class, () -> LoadedSuite.read(provider,
                new TaskSource("synthetic", Optional.of(Path.of("x")), 1, false, Options.empty())));
    }

    @Test
    void answersAreCorrect() throws Exception {
        Map<String, Task> byId = load(3, Map.of()).tasks().stream().collect(Collectors.toMap(Task::id, t -> t));
        for (Instance i : byId.get("synthetic/arithmetic_add").instances()) {
            String[] p = i.input().split(" \\+ ");
            assertEquals(Integer.parseInt(p[0]) + Integer.parseInt(p[1]), Integer.parseInt(i.references().get(0)));
        }
        for (Instance i : byId.get("synthetic/boolean_expression").instances()) {
            assertEquals(Boolean.toString(evaluate(i.input())), i.references().get(0).toLowerCase());
        }
    }

    /** An independent evaluator with Python's precedence (not > and > or). */
    private static boolean evaluate(String expression) {
        String e = expression.strip();
        if (e.startsWith("not ( ")) {
            return !evaluate(e.substring(6, e.length() - 2));
        }
        boolean any = false;
        for (String disjunct : e.split(" or ")) {
            boolean all = true;
            for (String literal : disjunct.split(" and ")) {
                String l = literal.strip();
                boolean negated = l.startsWith("not ");
                boolean value = Boolean.parseBoolean((negated ? l.substring(4) : l).toLowerCase());
                all &= negated != value;
            }
            any |= all;
        }
        return any;
    }
}
