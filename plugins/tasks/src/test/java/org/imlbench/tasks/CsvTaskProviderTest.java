package org.imlbench.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imlbench.api.Instance;
import org.imlbench.api.Options;
import org.imlbench.api.Task;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskProblem;
import org.imlbench.api.TaskSink;
import org.imlbench.api.TaskSource;
import org.imlbench.tasks.csv.CsvTaskProvider;
import org.imlbench.testkit.LoadedSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTaskProviderTest {
    private final CsvTaskProvider provider = new CsvTaskProvider();

    private static TaskSource source(Path path, boolean skip) {
        return new TaskSource("csv", Optional.of(path), 0, skip, Options.empty());
    }

    static final String GOOD = """
            # name: capitals
            # category: Geography
            # instruction: Name the capital city.
            # instruction: Answer with one word.
            input,output,output,options
            France,Paris,,
            "Italy, the country",Rome,Roma,
            Is Bern a capital?,yes,,yes|no
            """;

    @Test
    void readsHeaderCommentSeveralOutputsAndOptions(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("c.csv");
        Files.writeString(file, GOOD);
        Task task = LoadedSuite.read(provider, source(file, false)).tasks().get(0);
        assertEquals("csv/capitals", task.id());
        assertEquals("Geography", task.category());
        assertEquals("Name the capital city.\nAnswer with one word.", task.instruction());
        assertEquals(3, task.instances().size());
        Instance italy = task.instances().get(1);
        assertEquals("capitals/2", italy.id());
        assertEquals("Italy, the country", italy.input());
        assertEquals(List.of("Rome", "Roma"), italy.references());
        assertEquals(List.of("yes", "no"), task.instances().get(2).options());
        assertTrue(!task.instances().get(0).hasOptions());
    }

    @Test
    void sidecarOverridesAndDefaultsApply(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("plain.csv");
        Files.writeString(file, "id,input,output\na1,x,y\n");
        Task plain = LoadedSuite.read(provider, source(file, false)).tasks().get(0);
        assertEquals("csv/plain", plain.id());
        assertEquals("Custom", plain.category());
        assertEquals("a1", plain.instances().get(0).id());
        Files.writeString(tmp.resolve("plain.csv.json"), "{\"category\": \"Copying\", \"instruction\": \"Echo.\"}");
        Task withSidecar = LoadedSuite.read(provider, source(file, false)).tasks().get(0);
        assertEquals("Copying", withSidecar.category());
        assertEquals("Echo.", withSidecar.instruction());
    }

    @Test
    void raggedRowUnknownColumnAndNonUtf8NameFileAndLine(@TempDir Path tmp) throws Exception {
        Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "# category: X\ninput,output\na,b\nc,d,e\n");
        TaskLoadException e = assertThrows(TaskLoadException.class,
                () -> LoadedSuite.read(provider, source(ragged, false)));
        assertTrue(e.getMessage().startsWith(ragged + ": line 4: 3 cells"), e.getMessage());

        Path unknown = tmp.resolve("unknown.csv");
        Files.writeString(unknown, "input,output,answer\na,b,c\n");
        e = assertThrows(TaskLoadException.class, () -> LoadedSuite.read(provider, source(unknown, false)));
        assertTrue(e.getMessage().startsWith(unknown + ": line 1: unknown column \"answer\""), e.getMessage());

        Path latin1 = tmp.resolve("latin1.csv");
        Files.write(latin1, "input,output\ncaf\u00e9,b\n".getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(TaskLoadException.class, () -> LoadedSuite.read(provider, source(latin1, false)));
        assertTrue(e.getMessage().startsWith(latin1 + ": line 2: invalid UTF-8"), e.getMessage());

        Path wrongOption = tmp.resolve("option.csv");
        Files.writeString(wrongOption, "input,output,options\nq,maybe,yes|no\n");
        e = assertThrows(TaskLoadException.class, () -> LoadedSuite.read(provider, source(wrongOption, false)));
        assertTrue(e.getMessage().startsWith(wrongOption + ": line 2:"), e.getMessage());
    }

    @Test
    void linesAreCountedAfterCommentsAndInsideQuotedCells(@TempDir Path tmp) throws Exception {
        Path header = tmp.resolve("header.csv");
        Files.writeString(header, "# name: x\n# category: Y\n\ninput,output,answer\na,b,c\n");
        TaskLoadException e = assertThrows(TaskLoadException.class, () -> LoadedSuite.read(provider, source(header,
                false)));
        assertTrue(e.getMessage().startsWith(header + ": line 4: unknown column \"answer\""), e.getMessage());

        Path quoted = tmp.resolve("quoted.csv");
        Files.writeString(quoted, "# category: Y\r\ninput,output\r\n\"two\r\nlines\",b\r\n\r\nc,d\r\n\"x\ny\",e,f\r\n");
        e = assertThrows(TaskLoadException.class, () -> LoadedSuite.read(provider, source(quoted, false)));
        assertTrue(e.getMessage().startsWith(quoted + ": line 7: 3 cells"), e.getMessage());
    }

    @Test
    void aLargeFolderIsDeliveredInFileOrderWithProblemsInPlace(@TempDir Path tmp) throws Exception {
        for (int i = 0; i < 40; i++) {
            Files.writeString(tmp.resolve(String.format("t%02d.csv", i)), i == 17 ? "input,output\na,b,c\n"
                    : "input,output\nq" + i + ",a" + i + "\n");
        }
        List<TaskProblem> problems = new ArrayList<>();
        List<String> order = new ArrayList<>();
        provider.read(source(tmp, true), new TaskSink() {
            @Override
            public void accept(Task task) {
                order.add(task.id());
            }

            @Override
            public void skipped(TaskProblem problem) {
                problems.add(problem);
                order.add("skipped " + Path.of(problem.file()).getFileName());
            }
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(i == 17 ? "skipped t17.csv" : String.format("csv/t%02d", i));
        }
        assertEquals(expected, order);
        assertEquals(1, problems.size());
    }

    @Test
    void folderSkipsBadFilesWhenAsked(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("a_good.csv"), GOOD);
        Files.writeString(tmp.resolve("b_ragged.csv"), "input,output\na,b,c\n");
        Files.writeString(tmp.resolve("c_good.csv"), "input,output\nx,y\n");
        assertThrows(TaskLoadException.class, () -> LoadedSuite.read(provider, source(tmp, false)));
        LoadedSuite suite = LoadedSuite.read(provider, source(tmp, true));
        assertEquals(List.of("csv/capitals", "csv/c_good"), suite.tasks().stream().map(Task::id).toList());
        assertEquals(1, suite.problems().size());
        assertTrue(suite.problems().get(0).toString().contains("b_ragged.csv: line 2"),
                suite.problems().get(0).toString());
    }
}
