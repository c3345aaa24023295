package org.imlbench.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.imlbench.api.Instance;
import org.imlbench.api.Options;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.tasks.bbh.BbhTaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BbhTaskProviderTest {
    private final BbhTaskProvider provider = new BbhTaskProvider();

    @Test
    void everySharedTaskParsesWithIdsCountsOptionsAndPrompts() throws Exception {
        Path dir = SharedData.data("bbh");
        LoadedSuite suite = LoadedSuite.read(provider,
                new TaskSource("bbh", Optional.of(dir), 0, false, Options.empty()));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("bbh"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(27, files.size());
        Map<String, Task> byId = suite.tasks().stream().collect(Collectors.toMap(Task::id, t -> t));
        ObjectMapper mapper = new ObjectMapper();
        int total = 0;
        for (Path file : files) {
            String stem = file.getFileName().toString().replace(".json", "");
            JsonNode examples = mapper.readTree(file.toFile()).get("examples");
            Task task = byId.get("bbh/" + stem);
            assertEquals(examples.size(), task.instances().size(), stem);
            total += task.instances().size();
            for (int i = 0; i < examples.size(); i++) {
                Instance instance = task.instances().get(i);
                assertEquals(stem + "/" + i, instance.id());
                assertEquals(examples.get(i).get("target").asText(), instance.references().get(0));
                String input = examples.get(i).get("input").asText();
                String target = examples.get(i).get("target").asText();
                // a few BBH examples (e.g. movie_recommendation/163) have a target that is none of their options:
                // those are generation instances
                boolean targetIsOption = input.contains("\n" + target + " ") || input.contains("\n- " + target);
                boolean expectOptions = input.contains("\nOptions:\n") && targetIsOption;
                assertEquals(expectOptions, instance.hasOptions(), instance.id());
            }
            assertTrue(task.attributes().get(Task.ATTR_COT_PROMPT).contains("So the answer is"), stem);
            assertFalse(task.attributes().get(Task.ATTR_COT_PROMPT).contains("canary"), stem);
            assertEquals(3, task.demonstrations().size(), stem);
            task.demonstrations().forEach(d -> assertTrue(d.output().contains("So the answer is"), stem));
            assertFalse(task.instruction().isBlank());
        }
        assertEquals(6511, total);
        Instance date = byId.get("bbh/date_understanding").instances().get(0);
        assertEquals(List.of("(A)", "(B)", "(C)", "(D)", "(E)", "(F)"), date.options());
        assertEquals(List.of("valid", "invalid"), byId.get("bbh/formal_fallacies").instances().get(0).options());
        assertFalse(byId.get("bbh/word_sorting").hasOptions());
    }

    @Test
    void badFileIsNamedAndSkippable(@TempDir Path tmp) throws Exception {
        Path bbh = Files.createDirectories(tmp.resolve("bbh"));
        Files.writeString(bbh.resolve("good.json"), "{\"examples\": [{\"input\": \"1+1\", \"target\": \"2\"}]}");
        Files.writeString(bbh.resolve("nothing.json"), "{\"examples\": []}");
        TaskSource strict = new TaskSource("bbh", Optional.of(tmp), 0, false, Options.empty());
        TaskLoadException e = assertThrows(TaskLoadException.class, () -> LoadedSuite.read(provider, strict));
        assertTrue(e.getMessage().contains("nothing.json"), e.getMessage());
        LoadedSuite suite = LoadedSuite.read(provider,
                new TaskSource("bbh", Optional.of(tmp), 0, true, Options.empty()));
        assertEquals(List.of("bbh/good"), suite.tasks().stream().map(Task::id).toList());
        assertEquals(1, suite.problems().size());
    }
}
