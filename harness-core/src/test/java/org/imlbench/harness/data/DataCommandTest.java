package org.imlbench.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.imlbench.harness.cli.Main;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code harness data get} against GitHub and a mirror served on 127.0.0.1 from the files of {@code ../shared/data}:
 * the files arrive checked, an interrupted download resumes where it stopped, a corrupted file is refused, recursive
 * patterns take whole folder trees (also where GitHub truncates the listing) into the layout their task source reads,
 * and the folder loads with the {@code --tasks} argument the command prints.
 */
class DataCommandTest {
    /** The built-in plugins: the task sources offer the data sets. */
    private static final PluginRegistry PLUGINS = PluginRegistry.discover(List.of(), false);

    @TempDir
    Path temp;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome harness(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), temp).run(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The files of a shared data folder under the given repository folders, keyed by repository path. */
    private static Map<String, byte[]> files(Path root, String... folders) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String folder : folders) {
            try (Stream<Path> list = Files.list(root.resolve(folder))) {
                for (Path file : list.filter(Files::isRegularFile).sorted().toList()) {
                    files.put(folder + "/" + file.getFileName(), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    /** Every file below a shared folder, keyed by its path in the repository, below {@code repositoryFolder}. */
    private static Map<String, byte[]> tree(Path dir, String repositoryFolder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(repositoryFolder + "/" + dir.relativize(file).toString().replace('\\', '/'),
                        Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** The same files keyed by their path in the data folder: below the repository folder {@code root}. */
    private static Map<String, byte[]> below(String root, Map<String, byte[]> files) {
        Map<String, byte[]> out = new TreeMap<>();
        files.forEach((path, bytes) -> {
            assertTrue(path.startsWith(root + "/"), path);
            out.put(path.substring(root.length() + 1), bytes);
        });
        return out;
    }

    private static FakeGitHub github(DataSet set, Map<String, byte[]> files) throws IOException {
        return new FakeGitHub(set.repository(), set.commit(), files);
    }

    private Outcome get(FakeGitHub github, String set, String out, String... more) {
        List<String> args = new ArrayList<>(List.of("data", "get", set, "--out", out, "--quiet",
                "--github-api", github.base() + "/api", "--github-raw", github.base() + "/raw"));
        args.addAll(List.of(more));
        return harness(args.toArray(String[]::new));
    }

    /** {@code data get SET --out OUT --from} the fake's mirror, serving these files. */
    private Outcome fromMirror(FakeGitHub github, Map<String, byte[]> served, String set, String out) {
        github.mirror(served);
        return harness("data", "get", set, "--out", out, "--quiet", "--from", github.base() + "/mirror");
    }

    /** Replaces text in the manifest among these files. */
    private static void edit(Map<String, byte[]> files, String text, String replacement) {
        files.put(Manifest.FILE, new String(files.get(Manifest.FILE), StandardCharsets.UTF_8).replace(text, replacement)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Path dir) throws IOException {
        for (Map.Entry<String, byte[]> file : expected.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(dir.resolve(file.getKey())), file.getKey());
        }
    }

    @Test
    void bbhArrivesCheckedLoadsAndIsNotFetchedTwice() throws Exception {
        Map<String, byte[]> files = files(SharedData.data("bbh"), "bbh", "cot-prompts");
        // the README beside the task files is not a task: the data set takes bbh/*.json only
        files.keySet().removeIf(p -> p.endsWith("README.md"));
        try (FakeGitHub github = github(DataSet.named(PLUGINS, "bbh"), files)) {
            Outcome first = get(github, "bbh", "data/bbh");
            assertEquals(0, first.code(), first.err());
            Path dir = temp.resolve("data/bbh");
            assertSameFiles(files, dir);
            assertTrue(first.out().contains("use: --tasks bbh=" + dir), first.out());
            assertTrue(Files.isRegularFile(dir.resolve(Manifest.FILE)));
            assertFalse(Files.exists(dir.resolve(DataDownload.PARTIAL)), "nothing left aside");
            assertEquals(files.size(), Manifest.read(dir.resolve(Manifest.FILE)).files().size());

            int before = github.requests().size();
            Outcome again = get(github, "bbh", "data/bbh");
            assertEquals(0, again.code(), again.err());
            assertTrue(again.out().contains("0 downloaded, " + files.size() + " already there"), again.out());
            assertTrue(github.requests().subList(before, github.requests().size()).stream()
                    .noneMatch(r -> r.path().startsWith("/raw/")), "files in place are not fetched again");

            Outcome tasks = harness("tasks", "--quiet", "--json", "--tasks", "bbh=" + dir);
            assertEquals(0, tasks.code(), tasks.err());
            assertTrue(tasks.out().contains("\"bbh/date_understanding\""), tasks.out());
        }
    }

    @Test
    void niv2WalksNestedFoldersAndKeepsTheSplitLists() throws Exception {
        Path shared = SharedData.data("niv2");
        Map<String, byte[]> files = files(shared, "tasks", "splits/default");
        try (FakeGitHub github = github(DataSet.named(PLUGINS, "niv2"), files)) {
            Outcome outcome = get(github, "niv2", "niv2");
            assertEquals(0, outcome.code(), outcome.err());
            assertSameFiles(files, temp.resolve("niv2"));
            Outcome tasks = harness("tasks", "--quiet", "--tasks", "niv2=" + temp.resolve("niv2"));
            assertEquals(0, tasks.code(), tasks.err());
            assertTrue(tasks.out().contains("25 tasks"), tasks.out());
        }
    }

    @Test
    void anInterruptedDownloadResumesWhereItStopped() throws Exception {
        Map<String, byte[]> files = files(SharedData.data("bbh"), "bbh", "cot-prompts");
        files.keySet().removeIf(p -> p.endsWith("README.md"));
        String big = "bbh/date_understanding.json";
        try (FakeGitHub github = github(DataSet.named(PLUGINS, "bbh"), files)) {
            // every attempt of this run is cut short: the run fails and keeps what arrived
            github.cut(big, 1000, 3);
            Outcome failed = get(github, "bbh", "bbh");
            assertEquals(1, failed.code());
            assertTrue(failed.err().contains(big) && failed.err().contains("kept and resumed next time"),
                    failed.err());
            Path partial = DataDownload.partialFile(temp.resolve("bbh"), big);
            long kept = Files.size(partial);
            assertEquals(3000, kept, "three cut transfers of 1000 bytes, each resumed from the last");
            assertFalse(Files.exists(temp.resolve("bbh").resolve(big)), "no unchecked file in place");

            Outcome resumed = get(github, "bbh", "bbh");
            assertEquals(0, resumed.code(), resumed.err());
            assertSameFiles(files, temp.resolve("bbh"));
            assertTrue(github.requests().stream().anyMatch(r -> r.path().endsWith(big)
                    && ("bytes=" + kept + "-").equals(r.range())), "the second run asked for the rest only");
            assertFalse(Files.exists(temp.resolve("bbh").resolve(DataDownload.PARTIAL)));
        }
    }

    @Test
    void aCorruptedFileIsRefusedAndNotKept() throws Exception {
        Map<String, byte[]> files = files(SharedData.data("bbh"), "bbh", "cot-prompts");
        files.keySet().removeIf(p -> p.endsWith("README.md"));
        String victim = "cot-prompts/navigate.txt";
        try (FakeGitHub github = github(DataSet.named(PLUGINS, "bbh"), files)) {
            github.corrupt(victim);
            Outcome outcome = get(github, "bbh", "bbh");
            assertEquals(1, outcome.code());
            assertTrue(outcome.err().contains("integrity check failed for " + victim), outcome.err());
            assertFalse(Files.exists(temp.resolve("bbh").resolve(victim)));
            assertFalse(Files.exists(DataDownload.partialFile(temp.resolve("bbh"), victim)));
            assertFalse(Files.exists(temp.resolve("bbh").resolve(Manifest.FILE)),
                    "an incomplete folder has no manifest");
        }
    }

    @Test
    void aFilledFolderServedOverHttpIsAMirror() throws Exception {
        Map<String, byte[]> files = files(SharedData.data("bbh"), "bbh", "cot-prompts");
        files.keySet().removeIf(p -> p.endsWith("README.md"));
        try (FakeGitHub github = github(DataSet.named(PLUGINS, "bbh"), files)) {
            assertEquals(0, get(github, "bbh", "first").code());
            Map<String, byte[]> served = new LinkedHashMap<>(files);
            served.put(Manifest.FILE, Files.readAllBytes(temp.resolve("first").resolve(Manifest.FILE)));
            Outcome fromMirror = fromMirror(github, served, "bbh", "second");
            assertEquals(0, fromMirror.code(), fromMirror.err());
            assertSameFiles(files, temp.resolve("second"));

            // a mirror of another commit is refused
            edit(served, DataSet.named(PLUGINS, "bbh").commit(), "0".repeat(40));
            Outcome other = fromMirror(github, served, "bbh", "third");
            assertEquals(1, other.code());
            assertTrue(other.err().contains("not suzgunmirac/BIG-Bench-Hard at"), other.err());
        }
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, harness("data", "get", "nosuch", "--out", "x").code());
        assertEquals(2, harness("data", "get", "bbh").code());
        assertEquals(2, harness("data", "fetch", "bbh", "--out", "x").code());
        assertEquals(2, harness("data", "get", "bbh", "--out", "x", "--from", "ftp://example.org").code());
        assertFalse(Files.exists(temp.resolve("x")), "a usage error writes nothing");
        Outcome list = harness("data", "list");
        assertEquals(0, list.code());
        for (String set : List.of("niv2", "bbh", "lm-eval", "promptsource")) {
            assertTrue(list.out().contains(set + " ") && list.out().contains(DataSet.named(PLUGINS, set).repository()),
                    list.out());
        }
        assertTrue(list.out().contains("lm_eval/tasks/**/*"), list.out());
    }

    @Test
    void lmEvalTaskTreeArrivesWholeThroughATruncatedListingAndLoads() throws Exception {
        DataSet set = DataSet.named(PLUGINS, "lm-eval");
        Map<String, byte[]> files = tree(SharedData.data("lm-eval/tasks"), "lm_eval/tasks");
        // the task tree holds empty files too (Python packages' __init__.py)
        files.put("lm_eval/tasks/ifeval/multilingual/instruction_utils/__init__.py", new byte[0]);
        Map<String, byte[]> served = new TreeMap<>(files);
        // files of the repository outside the data set
        served.put("README.md", "# lm-evaluation-harness\n".getBytes(StandardCharsets.UTF_8));
        served.put("lm_eval/api/registry.py", "REGISTRY = {}\n".getBytes(StandardCharsets.UTF_8));
        try (FakeGitHub github = new FakeGitHub(set.repository(), set.commit(), served)) {
            // GitHub cuts a long recursive listing short: the folder's own entries and each sub-folder are listed
            github.truncate("lm_eval/tasks", "lm_eval/tasks/bbh");
            Outcome outcome = get(github, "lm-eval", "data/lm-eval");
            assertEquals(0, outcome.code(), outcome.err());
            Path dir = temp.resolve("data/lm-eval");
            // the include bases (_fewshot_template_yaml, flores, _template, ...) came with the task files
            assertSameFiles(below("lm_eval", files), dir);
            assertTrue(Files.isRegularFile(dir.resolve("tasks/afrobench/flores/prompt_2/african-english/flores")));
            assertFalse(Files.exists(dir.resolve("api")) || Files.exists(dir.resolve("README.md")),
                    "only the task tree");
            Manifest manifest = Manifest.read(dir.resolve(Manifest.FILE));
            assertEquals(files.size(), manifest.files().size());
            assertEquals("lm_eval", manifest.root());
            assertTrue(outcome.out().contains("use: --tasks lm-eval=" + dir.resolve("tasks")), outcome.out());
            assertTrue(outcome.out().contains("note: ") && outcome.out().contains("--task-option data=DIR"),
                    outcome.out());
            List<String> recursive = github.requests().stream().filter(r -> "recursive=1".equals(r.query()))
                    .map(FakeGitHub.Request::path).toList();
            assertTrue(recursive.size() > 2, "the truncated trees' sub-folders were listed one by one: " + recursive);

            // the task files need their datasets: two are exported; every other task is skipped for want of data
            // alone, so that each downloaded file parsed, its includes found where the download put them
            Path data = temp.resolve("exported");
            Files.createDirectories(data.resolve("nyu-mll/glue/sst2"));
            Files.writeString(data.resolve("nyu-mll/glue/sst2/validation.jsonl"), """
                    {"sentence": "a gorgeous, witty film", "label": 1, "idx": 0}
                    {"sentence": "a dull, lifeless mess", "label": 0, "idx": 1}
                    {"sentence": "the best film of the year", "label": 1, "idx": 2}
                    """);
            Files.createDirectories(data.resolve("SaylorTwift/bbh/movie_recommendation"));
            String heat = "Find a movie similar to Heat, Alien:\\nOptions:\\n(A) Aliens\\n(B) Cars";
            String up = "Find a movie similar to Up, Cars:\\nOptions:\\n(A) Heat\\n(B) Toy Story";
            Files.writeString(data.resolve("SaylorTwift/bbh/movie_recommendation/test.jsonl"),
                    "{\"input\": \"" + heat + "\", \"target\": \"(A)\"}\n"
                            + "{\"input\": \"" + up + "\", \"target\": \"(B)\"}\n");
            Outcome tasks = harness("tasks", "--quiet", "--json", "--skip-bad-tasks", "--tasks",
                    "lm-eval=" + dir.resolve("tasks"), "--task-option", "data=" + data);
            assertEquals(0, tasks.code(), tasks.err());
            JsonNode report = new ObjectMapper().readTree(tasks.out());
            List<String> ids = new ArrayList<>();
            report.get("tasks").forEach(t -> ids.add(t.get("id").asText()));
            assertEquals(List.of("lm-eval/bbh_fewshot_movie_recommendation", "lm-eval/sst2"),
                    ids.stream().sorted().toList());
            assertTrue(report.get("problems").size() >= 58, report.get("problems").toString());
            report.get("problems").forEach(p -> assertTrue(p.get("message").asText().startsWith("no data for split"),
                    p.toString()));
        }
    }

    @Test
    void promptSourceTemplatesArriveInTheirDatasetFoldersAndLoad() throws Exception {
        DataSet set = DataSet.named(PLUGINS, "promptsource");
        Map<String, byte[]> files = tree(SharedData.data("promptsource"), "promptsource/templates");
        Map<String, byte[]> served = new TreeMap<>(files);
        served.put("promptsource/templates.py", "class Template: pass\n".getBytes(StandardCharsets.UTF_8));
        served.put("promptsource/templates/imdb/notes.txt", "not a template\n".getBytes(StandardCharsets.UTF_8));
        try (FakeGitHub github = new FakeGitHub(set.repository(), set.commit(), served)) {
            github.truncate("promptsource/templates");
            Outcome outcome = get(github, "promptsource", "data/promptsource");
            assertEquals(0, outcome.code(), outcome.err());
            Path dir = temp.resolve("data/promptsource");
            Map<String, byte[]> local = below("promptsource/templates", files);
            assertSameFiles(local, dir);
            assertTrue(Files.isRegularFile(dir.resolve("super_glue/rte/templates.yaml")));
            assertFalse(Files.exists(dir.resolve("imdb/notes.txt")), "templates.yaml files only");
            assertTrue(outcome.out().contains("use: --tasks promptsource=" + dir + "\n"), outcome.out());

            Path data = temp.resolve("exported");
            Files.createDirectories(data.resolve("imdb/default"));
            Files.writeString(data.resolve("imdb/default/validation.jsonl"), """
                    {"text": "A gorgeous, witty film.", "label": 1}
                    {"text": "A dull, lifeless mess.", "label": 0}
                    """);
            Outcome tasks = harness("tasks", "--quiet", "--json", "--skip-bad-tasks", "--tasks",
                    "promptsource=" + dir, "--task-option", "data=" + data);
            assertEquals(0, tasks.code(), tasks.err());
            JsonNode report = new ObjectMapper().readTree(tasks.out());
            long imdbTemplates = new String(local.get("imdb/templates.yaml"), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.endsWith(": !Template")).count();
            assertEquals(imdbTemplates, report.get("tasks").size(), report.get("tasks").toString());
            report.get("tasks").forEach(t -> assertTrue(t.get("id").asText().startsWith("promptsource/imdb/"),
                    t.toString()));
            assertEquals(local.size() - 1, report.get("problems").size(), report.get("problems").toString());
            report.get("problems").forEach(p -> assertTrue(p.get("message").asText().startsWith("no data for split"),
                    p.toString()));

            // the filled folder, served as it is, is a mirror: its files lie at their data-folder paths
            Map<String, byte[]> mirrored = new TreeMap<>(local);
            mirrored.put(Manifest.FILE, Files.readAllBytes(dir.resolve(Manifest.FILE)));
            Outcome fromMirror = fromMirror(github, mirrored, "promptsource", "second");
            assertEquals(0, fromMirror.code(), fromMirror.err());
            assertSameFiles(local, temp.resolve("second"));

            // a mirror whose files lie below another folder of the repository is refused
            edit(mirrored, "\"promptsource/templates\"", "\"promptsource\"");
            Outcome other = fromMirror(github, mirrored, "promptsource", "third");
            assertEquals(1, other.code());
            assertTrue(other.err().contains("below the repository folder 'promptsource'"), other.err());
        }
    }
}
