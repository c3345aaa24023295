package org.imlbench.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.imlbench.api.Instance;
import org.imlbench.api.Options;
import org.imlbench.api.SourceSplitRole;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.tasks.niv2.Niv2TaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Niv2TaskProviderTest {
    private final Niv2TaskProvider provider = new Niv2TaskProvider();

    private static TaskSource source(Path dir, boolean skip) {
        return new TaskSource("niv2", Optional.of(dir), 1, skip, Options.empty());
    }

    @Test
    void everySharedTaskParsesWithTheFilesCounts() throws Exception {
        Path dir = SharedData.data("niv2");
        LoadedSuite suite = LoadedSuite.read(provider, source(dir, false));
        JsonMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("tasks"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(files.size(), suite.tasks().size());
        assertTrue(suite.problems().isEmpty());
        Map<String, Task> byId = suite.tasks().stream().collect(Collectors.toMap(Task::id, t -> t));
        for (Path file : files) {
            JsonNode root = mapper.readTree(file.toFile());
            String stem = file.getFileName().toString().replace(".json", "");
            Task task = byId.get("niv2/" + stem);
            assertEquals(root.get("Instances").size(), task.instances().size(), stem);
            assertEquals(root.get("Categories").get(0).asText(), task.category(), stem);
            assertEquals(root.get("Positive Examples").size(), task.demonstrations().size(), stem);
            JsonNode first = root.get("Instances").get(0);
            Instance instance = task.instances().get(0);
            assertEquals(first.get("id").asText(), instance.id());
            assertEquals(first.get("output").size(), instance.references().size());
            assertFalse(instance.hasOptions(), "NIv2 instances are generation instances");
            assertFalse(task.instruction().isBlank());
        }
        Task test = byId.get("niv2/task1388_cb_entailment");
        assertEquals("test", test.attributes().get(Niv2TaskProvider.ATTR_SPLIT));
        assertEquals(Optional.of(SourceSplitRole.HELD_OUT), SourceSplitRole.of(test));
        assertEquals(Optional.empty(), SourceSplitRole.of(byId.get("niv2/task1146_country_capital")));
        assertEquals("train", byId.get("niv2/task1146_country_capital").attributes().get(Niv2TaskProvider.ATTR_SPLIT));
        assertTrue(suite.info().defaultSplitSpec().orElseThrow().contains("Textual Entailment"));
    }

    @Test
    void instancesWithSeveralOutputsKeepThemAll() throws Exception {
        Path dir = SharedData.data("niv2");
        Task task = LoadedSuite.read(provider, source(dir, false)).tasks().stream()
                .filter(t -> t.id().equals("niv2/task1087_two_number_sum")).findFirst().orElseThrow();
        assertTrue(task.instances().stream().anyMatch(i -> i.references().size() > 1));
    }

    private static Path writeTasks(Path dir, Map<String, String> files) throws IOException {
        Path tasks = Files.createDirectories(dir.resolve("tasks"));
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(tasks.resolve(e.getKey()), e.getValue());
        }
        return dir;
    }

    private static String task(String definition, String instances) {
        return "{\"Categories\": [\"Misc.\"], \"URL\": [NaN], " + definition
                + "\"Positive Examples\": [{\"input\": \"a\", \"output\": \"b\", \"explanation\": \"\"}], "
                + "\"Instances\": " + instances + "}";
    }

    private static final String GOOD = task("\"Definition\": [\"Copy it.\"], ",
            "[{\"id\": \"x-1\", \"input\": \"hi\", \"output\": [\"hi\", \"HI\"]}]");

    @Test
    void truncatedJsonNamesFileAndLine(@TempDir Path tmp) throws Exception {
        String broken = "{\n" + GOOD.substring(1, GOOD.length() - 20);
        writeTasks(tmp, Map.of("task1_good.json", GOOD, "task2_broken.json", broken));
        TaskLoadException e = assertThrows(TaskLoadException.class,
                () -> LoadedSuite.read(provider, source(tmp, false)));
        assertTrue(e.getMessage().contains("task2_broken.json"), e.getMessage());
        assertTrue(e.getMessage().matches(".*task2_broken.json: line 2, column \\d+: .*"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void missingDefinitionAndEmptyInstancesFailOrAreSkipped(@TempDir Path tmp) throws Exception {
        writeTasks(tmp, Map.of(
                "task1_good.json", GOOD,
                "task2_nodef.json", task("", "[{\"id\": \"y\", \"input\": \"a\", \"output\": [\"b\"]}]"),
                "task3_empty.json", task("\"Definition\": [\"Do.\"], ", "[]"),
                "task4_noout.json", task("\"Definition\": [\"Do.\"], ",
                        "[{\"id\": \"z-7\", \"input\": \"a\", \"output\": []}]")));
        TaskLoadException e = assertThrows(TaskLoadException.class,
                () -> LoadedSuite.read(provider, source(tmp, false)));
        assertTrue(e.getMessage().contains("task2_nodef.json") && e.getMessage().contains("Definition"),
                e.getMessage());
        LoadedSuite suite = LoadedSuite.read(provider, source(tmp, true));
        assertEquals(List.of("niv2/task1_good"), suite.tasks().stream().map(Task::id).toList());
        List<String> problems = new ArrayList<>();
        suite.problems().forEach(p -> problems.add(p.toString()));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("task2_nodef.json") && problems.get(0).contains("Definition"));
        assertTrue(problems.get(1).contains("task3_empty.json") && problems.get(1).contains("Instances"));
        assertTrue(problems.get(2).contains("task4_noout.json") && problems.get(2).contains("z-7"), problems.get(2));
        assertEquals(List.of("hi", "HI"), suite.tasks().get(0).instances().get(0).references());
    }

    @Test
    void fieldsInAnyOrderUnknownFieldsAndTheExcludedList(@TempDir Path tmp) throws Exception {
        writeTasks(tmp, Map.of("task7_odd.json", "{\"Instances\": [{\"output\": \"one\", \"extra\": {\"a\": [1, {}]},"
                + " \"input\": \"x\", \"id\": 12}, {\"input\": \"y\", \"output\": [\"p\", \"q\"]}],"
                + " \"URL\": [NaN], \"Nested\": {\"Instances\": []}, \"Definition\": \"Say it.\","
                + " \"Categories\": [\" Misc. \", \"Other\"], \"Negative Examples\": [{\"input\": \"z\"}]}"));
        Path lists = Files.createDirectories(tmp.resolve("splits/default"));
        Files.writeString(lists.resolve("excluded_tasks.txt"), "task7_odd\n");
        Task task = LoadedSuite.read(provider, source(tmp, false)).tasks().get(0);
        assertEquals("Misc.", task.category());
        assertEquals("Say it.", task.instruction());
        assertEquals(List.of("12", "task7_odd-1"), task.instances().stream().map(Instance::id).toList());
        assertEquals(List.of("one"), task.instances().get(0).references());
        assertEquals(List.of("p", "q"), task.instances().get(1).references());
        assertEquals("[{\"input\":\"z\"}]", task.attributes().get(Niv2TaskProvider.ATTR_NEGATIVE_EXAMPLES));
        assertEquals(" Misc. ; Other", task.attributes().get(Niv2TaskProvider.ATTR_CATEGORIES));
        assertEquals(Optional.of(SourceSplitRole.EXCLUDED), SourceSplitRole.of(task));
    }

    @Test
    void nonUtf8NamesTheLine(@TempDir Path tmp) throws Exception {
        writeTasks(tmp, Map.of());
        byte[] bytes = ("{\n\n" + GOOD.substring(1)).getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, bad, 0, 3);
        bad[3] = (byte) 0xff;
        System.arraycopy(bytes, 3, bad, 4, bytes.length - 3);
        Files.write(tmp.resolve("tasks/task9_latin1.json"), bad);
        TaskLoadException e = assertThrows(TaskLoadException.class,
                () -> LoadedSuite.read(provider, source(tmp, false)));
        assertTrue(e.getMessage().contains("task9_latin1.json: line 3: invalid UTF-8"), e.getMessage());
    }
}
