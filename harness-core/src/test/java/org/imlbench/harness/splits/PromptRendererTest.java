package org.imlbench.harness.splits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.imlbench.api.TrainingExample;
import org.imlbench.harness.tasks.TaskCatalog;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;

class PromptRendererTest {
    @Test
    void fiveShotPromptsNeverContainTheirOwnInstance() throws Exception {
        TaskCatalog catalog = TestData.load(1, "synthetic");
        Splits splits = SplitBuilder.build(catalog.tasks(), catalog.defaultSplitSpec(), 1);
        DemonstrationSampler sampler = new DemonstrationSampler(splits);
        PromptRenderer renderer = new PromptRenderer(splits);
        PromptFormat optiml = TestData.plugins().get(PromptFormat.class, "optiml");
        Map<String, Set<String>> trainIds = splits.train().stream().collect(Collectors.toMap(Task::id,
                t -> t.instances().stream().map(Instance::id).collect(Collectors.toSet())));
        int checked = 0;
        for (List<Task> tasks : splits.evaluation().values()) {
            for (Task task : tasks) {
                for (Instance instance : task.instances()) {
                    List<Instance> demos = sampler.sample(task, instance, 5, 1);
                    assertEquals(5, demos.size());
                    for (Instance d : demos) {
                        assertNotEquals(instance.id(), d.id());
                        assertNotEquals(instance.input(), d.input());
                        if (trainIds.containsKey(task.id())) {
                            assertTrue(trainIds.get(task.id()).contains(d.id()), "demo not from the training pool");
                        }
                    }
                    RenderedPrompt prompt = renderer.render(optiml, task, instance, 5, 1);
                    String line = "\n" + instance.input() + "\n";
                    String beforeLast = prompt.source().substring(0, prompt.source().lastIndexOf(line) + 1);
                    assertFalse(beforeLast.contains(line), instance.id() + " appears among its demonstrations");
                    assertEquals(6, prompt.source().split("\nOutput:", -1).length - 1,
                            "five demonstrations and the question");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 500, "checked " + checked);
    }

    @Test
    void fiveShotNiv2PromptsNeverContainTheirOwnInstance() throws Exception {
        TaskCatalog catalog = TestData.load(1, "niv2=" + SharedData.data("niv2"));
        Splits splits = SplitBuilder.build(catalog.tasks(), catalog.defaultSplitSpec(), 1);
        PromptRenderer renderer = new PromptRenderer(splits);
        PromptFormat niv2 = TestData.plugins().get(PromptFormat.class, "niv2");
        int checked = 0;
        for (List<Task> tasks : splits.evaluation().values()) {
            for (Task task : tasks) {
                for (Instance instance : task.instances()) {
                    String source = renderer.render(niv2, task, instance, 5, 1).source();
                    String marker = "Now complete the following example-\nInput: ";
                    int question = source.lastIndexOf(marker);
                    assertEquals(source.length(), question + marker.length() + instance.input().strip().length()
                            + "\nOutput:".length(), "the question ends the prompt");
                    assertFalse(source.substring(0, question).contains("Input: " + instance.input().strip() + "\n"),
                            instance.id() + " appears among its demonstrations");
                    assertEquals(6, source.split("\nOutput:", -1).length - 1, task.id());
                    checked++;
                }
            }
        }
        assertTrue(checked > 1500, "checked " + checked);
    }

    @Test
    void drawsAreDeterministicPerInstance() throws Exception {
        TaskCatalog catalog = TestData.load(1, "synthetic");
        Splits splits = SplitBuilder.build(catalog.tasks(), catalog.defaultSplitSpec(), 1);
        DemonstrationSampler sampler = new DemonstrationSampler(splits);
        Task task = splits.fullySupervised().get(0);
        Instance a = task.instances().get(0);
        Instance b = task.instances().get(1);
        assertEquals(sampler.sample(task, a, 3, 9), sampler.sample(task, a, 3, 9));
        assertNotEquals(sampler.sample(task, a, 3, 9), sampler.sample(task, a, 3, 10));
        assertNotEquals(sampler.sample(task, a, 3, 9), sampler.sample(task, b, 3, 9));
        assertEquals(List.of(), sampler.sample(task, a, 0, 9));
    }

    @Test
    void trainingExamplesCoverTheTrainingSplit() throws Exception {
        TaskCatalog catalog = TestData.load(1, "synthetic");
        Splits splits = SplitBuilder.build(catalog.tasks(), catalog.defaultSplitSpec(), 1);
        List<TrainingExample> examples = new PromptRenderer(splits)
                .trainingExamples(TestData.plugins().get(PromptFormat.class, "optiml"));
        assertEquals(splits.train().stream().mapToInt(t -> t.instances().size()).sum(), examples.size());
        TrainingExample first = examples.get(0);
        assertTrue(first.source().endsWith("\nOutput:"), first.source());
        assertTrue(first.target().startsWith(" "));
        // the embedded model is tiny: prompts stay short
        examples.forEach(e -> assertTrue(e.source().length() + e.target().length() <= 120, e.source()));
    }
}
