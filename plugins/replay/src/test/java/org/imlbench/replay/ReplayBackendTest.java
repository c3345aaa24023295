package org.imlbench.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.imlbench.api.Capability;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.KnownInstances;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.ScoreRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayBackendTest {
    @TempDir
    Path dir;

    private final ReplayBackend backend = new ReplayBackend();

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String line(String task, String instance, String prediction) {
        return "{\"task\": \"" + task + "\", \"instance\": \"" + instance + "\", \"prediction\": \"" + prediction
                + "\"}\n";
    }

    private LanguageModel load(Path file) throws IOException {
        return backend.load(new ModelRequest("embedded", "cpu", Options.of(Map.of("predictions", file.toString()))));
    }

    private static GenerateRequest request(String task, String instance) {
        return new GenerateRequest(task, instance, "prompt", 256, List.of("\n\n"));
    }

    @Test
    void answersRecordedRequestsAndReportsTheOthersMissing() throws IOException {
        Path file = write("outputs.jsonl", line("bbh/navigate", "navigate/0", "No")
                + line("bbh/navigate", "navigate/1", "So the answer is Yes.\\n\\nQ: more")
                + line("niv2/task1", "task1-a", ""));
        try (LanguageModel model = load(file)) {
            List<long[]> progress = new ArrayList<>();
            ProgressListener listener = (done, total) -> progress.add(new long[] {done, total});
            List<GenerateResult> results = model.generate(List.of(request("bbh/navigate", "navigate/1"),
                    request("bbh/navigate", "navigate/7"), request("niv2/task1", "task1-a"),
                    request("bbh/navigate", "navigate/0")), listener);

            assertEquals(4, results.size());
            // recorded text comes back as it is: the stop sequence "\n\n" is not applied
            assertEquals(new GenerateResult.Generated("So the answer is Yes.\n\nQ: more", List.of(),
                    GenerateResult.StopReason.RECORDED), results.get(0));
            GenerateResult.Missing missing = assertInstanceOf(GenerateResult.Missing.class, results.get(1));
            assertEquals("no recorded prediction for task bbh/navigate instance navigate/7 in " + file,
                    missing.reason());
            assertEquals(new GenerateResult.Generated("", List.of(), GenerateResult.StopReason.RECORDED),
                    results.get(2));
            assertEquals("No", ((GenerateResult.Generated) results.get(3)).text());
            assertEquals(4, progress.size());
            assertEquals(List.of(4L, 4L), List.of(progress.get(3)[0], progress.get(3)[1]));
        }
    }

    @Test
    void generatesOnlyAndRefusesToScore() throws IOException {
        try (LanguageModel model = load(write("p.jsonl", line("t", "1", "x")))) {
            assertEquals(Set.of(Capability.GENERATE), model.capabilities());
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> model.score(List.of(new ScoreRequest("t", "1", "c", List.of("a", "b"))),
                            ProgressListener.NONE));
            assertTrue(e.getMessage().contains("replay backend has recorded text only and cannot score"),
                    e.getMessage());
        }
    }

    @Test
    void describesItselfByTheFileName() throws IOException {
        Path file = write("opt-iml-max-30b.jsonl", line("t", "1", "x") + line("t", "2", "y"));
        try (LanguageModel model = load(file)) {
            assertEquals("opt-iml-max-30b.jsonl", model.info().name());
            assertEquals("replay", model.info().backend());
            assertEquals(0, model.info().parameters());
            assertEquals("2", model.info().details().get("records"));
            assertEquals(file.toAbsolutePath().toString(), model.info().details().get("predictions"));
            assertTrue(model.info().details().get("sha256").matches("[0-9a-f]{64}"));
        }
    }

    @Test
    void modelNameIsTheFileWhenNoPredictionsOptionIsGiven() throws IOException {
        Path file = write("m.jsonl", line("t", "1", "x"));
        try (LanguageModel model = backend.load(new ModelRequest(file.toString(), "cpu", Options.empty()))) {
            assertEquals("m.jsonl", model.info().name());
        }
    }

    @Test
    void withoutAPredictionsFileLoadingFails() {
        IOException e = assertThrows(IOException.class,
                () -> backend.load(new ModelRequest("embedded", "cpu", Options.empty())));
        assertTrue(e.getMessage().contains("needs a predictions file: use --predictions FILE"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> load(dir.resolve("absent.jsonl")));
        assertTrue(missing.getMessage().contains("absent.jsonl does not exist"), missing.getMessage());
        IOException directory = assertThrows(IOException.class, () -> load(dir));
        assertTrue(directory.getMessage().contains("is not a regular file"), directory.getMessage());
    }

    @Test
    void expectAcceptsRecordsOfLoadedInstances() throws IOException {
        try (LanguageModel model = load(write("p.jsonl", line("a", "1", "x") + line("b", "2", "y")))) {
            model.expect(KnownInstances.of(Map.of("a", Set.of("1", "9"), "b", Set.of("2"), "c", Set.of("3"))));
        }
    }

    @Test
    void expectListsUnknownTasksAndInstancesWithFileLineAndCount() throws IOException {
        StringBuilder content = new StringBuilder(line("a", "1", "x"));
        content.append(line("ghost", "1", "x"));          // line 2: unknown task
        content.append(line("a", "404", "x"));            // line 3: unknown instance
        for (int i = 0; i < 5; i++) {
            content.append(line("a", "extra" + i, "x"));  // lines 4-8
        }
        Path file = write("p.jsonl", content.toString());
        try (LanguageModel model = load(file)) {
            IOException e = assertThrows(IOException.class,
                    () -> model.expect(KnownInstances.of(Map.of("a", Set.of("1")))));
            String message = e.getMessage();
            assertTrue(message.startsWith("7 of 8 recorded predictions in " + file), message);
            assertTrue(message.contains("(first 5 listed)"), message);
            assertTrue(message.contains(file + ":2: task \"ghost\" instance \"1\" (unknown task)"), message);
            assertTrue(message.contains(file + ":3: task \"a\" instance \"404\" (unknown instance)"), message);
            assertTrue(message.contains(file + ":6: task \"a\" instance \"extra2\""), message);
            assertTrue(!message.contains(file + ":7:"), message);
        }
    }

    @Test
    void isDiscoveredAsAModelBackend() {
        List<String> names = new ArrayList<>();
        for (ModelBackend found : ServiceLoader.load(ModelBackend.class)) {
            names.add(found.name());
            if (found.name().equals("replay")) {
                assertEquals(ImlbenchApi.LEVEL, found.apiLevel());
            }
        }
        assertTrue(names.contains("replay"), names.toString());
    }
}
