package org.imlbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harness tasks} end to end through {@link Main}, with the built-in plugins. */
class TasksCommandTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), temp);
        return main.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out());
    }

    @Test
    void defaultsToTheSyntheticSuiteWithATablePerSplitAndCategory() {
        assertEquals(0, run("tasks"), out() + err);
        String text = out();
        for (String split : List.of("train", "fully_held_out", "partially_supervised", "fully_supervised")) {
            assertTrue(text.contains("\n" + split + " "), text);
        }
        assertTrue(text.contains("Keyword Sentiment"), text);
        assertTrue(text.contains("13-GRAM PAIRS"), text);
        assertFalse(text.contains("==="), "no prompts without --show");
    }

    @Test
    void jsonCountsEqualTheFilesCounts() throws Exception {
        Path niv2 = SharedData.data("niv2");
        Path bbh = SharedData.data("bbh");
        assertEquals(0, run("tasks", "--json", "--tasks", "niv2=" + niv2, "--tasks", "bbh=" + bbh), err.toString());
        JsonNode doc = json();
        ObjectMapper lenient = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        Map<String, Integer> expected = new HashMap<>();
        try (Stream<Path> files = Files.list(niv2.resolve("tasks"))) {
            for (Path f : files.toList()) {
                expected.put("niv2/" + f.getFileName().toString().replace(".json", ""),
                        lenient.readTree(f.toFile()).get("Instances").size());
            }
        }
        try (Stream<Path> files = Files.list(bbh.resolve("bbh"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                expected.put("bbh/" + f.getFileName().toString().replace(".json", ""),
                        lenient.readTree(f.toFile()).get("examples").size());
            }
        }
        Map<String, Integer> reported = new HashMap<>();
        doc.get("tasks").forEach(t -> reported.put(t.get("id").asText(), t.get("instances").asInt()));
        assertEquals(expected, reported);
        assertEquals(6608 + 6511, doc.get("tasks").findValues("instances").stream().mapToInt(JsonNode::asInt).sum());
        for (String split : List.of("train", "fully_held_out", "partially_supervised", "fully_supervised")) {
            assertTrue(doc.get("splits").get(split).get("tasks").asInt() > 0, split);
        }
        assertEquals(0, doc.get("leakage").get("fully_supervised").get("exactMatches").asInt());
        JsonNode bbhTask = doc.get("tasks").findParents("id").stream()
                .filter(t -> t.get("id").asText().equals("bbh/date_understanding")).findFirst().orElseThrow();
        assertEquals("fully_held_out", bbhTask.get("role").asText());
        assertEquals("option", bbhTask.get("answers").asText());
    }

    @Test
    void showPrintsRenderedPromptsPerTask() throws Exception {
        assertEquals(0, run("tasks", "--json", "--show", "2", "--shots", "1", "--task-option", "instances=40"));
        JsonNode prompts = json().get("prompts");
        int evaluatedTasks = json().get("splits").get("fully_held_out").get("tasks").asInt()
                + json().get("splits").get("partially_supervised").get("tasks").asInt()
                + json().get("splits").get("fully_supervised").get("tasks").asInt();
        assertEquals(2 * evaluatedTasks, prompts.size());
        JsonNode first = prompts.get(0);
        assertTrue(first.get("source").asText().endsWith("\nOutput:"), first.toString());
        assertEquals(2, first.get("source").asText().split("\nOutput:", -1).length - 1, "one shot + question");

        out.reset();
        assertEquals(0, run("tasks", "--show", "1", "--format", "niv2"));
        assertTrue(out().contains("Now complete the following example-"), out());
        assertTrue(out().contains("--- target: \" "), out());
    }

    @Test
    void showNamesWhitespaceThatEndsAPromptAndUsesTheSourcesOwnFormat() throws Exception {
        Path tasks = Files.createDirectories(temp.resolve("yaml"));
        Files.writeString(tasks.resolve("yn.yaml"), "task: yn\ndataset_path: ex/yn\nvalidation_split: validation\n"
                + "output_type: multiple_choice\ndoc_to_text: \"{{q}}\\nAnswer: \"\ndoc_to_target: a\n"
                + "doc_to_choice: [\"no\", \"yes\"]\n");
        Path data = Files.createDirectories(temp.resolve("data/ex/yn/default"));
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            docs.append("{\"q\": \"Is ").append(i).append(" even?\", \"a\": ").append(i % 2 == 0 ? 1 : 0)
                    .append("}\n");
        }
        Files.writeString(data.resolve("validation.jsonl"), docs);
        assertEquals(0, run("tasks", "--tasks", "lm-eval=" + tasks, "--task-option", "data=" + temp.resolve("data"),
                "--show", "1", "--quiet"), err.toString());
        assertTrue(out().contains("(lm-eval, 0-shot)"), "lm-eval tasks default to their own format: " + out());
        assertTrue(out().contains("Answer: \n--- the prompt ends with \" \"\n"), out());
    }

    @Test
    void refusesOverlapUnlessAllowedAndPrintsSpecs() throws Exception {
        Path csv = temp.resolve("dup.csv");
        Files.writeString(csv, "# instruction: Echo.\ninput,output\nsame,1\nsame,2\nother,3\nmore,4\n");
        Path csv2 = temp.resolve("dup2.csv");
        Files.writeString(csv2, "# instruction: Echo.\n# category: Held\ninput,output\nsame,1\nnew,5\n");
        Path spec = temp.resolve("spec.json");
        Files.writeString(spec, "{\"heldOutCategories\": [\"Held\"]}");
        assertEquals(1, run("tasks", "--tasks", "csv=dup.csv", "--tasks", "csv=dup2.csv", "--split", "spec.json"));
        assertTrue(err.toString().contains("refusing the split") && err.toString().contains("fully_held_out"),
                err.toString());
        assertEquals(0, run("tasks", "--tasks", "csv=dup.csv", "--tasks", "csv=dup2.csv", "--split", "spec.json",
                "--allow-overlap"));

        out.reset();
        assertEquals(0, run("tasks", "--print-spec"));
        assertTrue(json().get("heldOutCategories").toString().contains("Comparison"));
    }

    @Test
    void badArgumentsAreUsageErrorsAndBadFilesNameTheFile() throws Exception {
        assertEquals(2, run("tasks", "--tasks", "nosuch"));
        assertEquals(2, run("tasks", "--show", "1", "--format", "nosuch"));
        Path dir = Files.createDirectories(temp.resolve("csvs"));
        Files.writeString(dir.resolve("good.csv"), "input,output\na,b\nc,d\n");
        Files.writeString(dir.resolve("bad.csv"), "input,output\na,b,c\n");
        err.reset();
        assertEquals(1, run("tasks", "--tasks", "csv=csvs"));
        assertTrue(err.toString().contains("bad.csv: line 2"), err.toString());
        out.reset();
        assertEquals(0, run("tasks", "--tasks", "csv=csvs", "--skip-bad-tasks"));
        assertTrue(out().contains("skipped: ") && out().contains("bad.csv: line 2"), out());
    }
}
