package org.imlbench.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.stream.Stream;
import org.imlbench.harness.cli.Main;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code harness data get} against GitHub and a mirror served on 127.0.0.1 from the files of {@code ../shared/data}:
 * the files arrive checked, an interrupted download resumes where it stopped, a corrupted file is refused, and the
 * folder loads with the {@code --tasks} argument the command prints.
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

    private static FakeGitHub github(DataSet set, Map<String, byte[]> files) throws IOException {
        return new FakeGitHub(set.repository(), set.commit(), files);
    }

    private Outcome get(FakeGitHub github, String set, String out, String... more) {
        List<String> args = new ArrayList<>(List.of("data", "get", set, "--out", out, "--quiet",
                "--github-api", github.base() + "/api", "--github-raw", github.base() + "/raw"));
        args.addAll(List.of(more));
        return harness(args.toArray(String[]::new));
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
            Path partial = temp.resolve("bbh").resolve(DataDownload.PARTIAL).resolve(big);
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
            assertFalse(Files.exists(temp.resolve("bbh").resolve(DataDownload.PARTIAL).resolve(victim)));
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
            github.mirror(served);
            Outcome fromMirror = harness("data", "get", "bbh", "--out", "second", "--quiet", "--from",
                    github.base() + "/mirror");
            assertEquals(0, fromMirror.code(), fromMirror.err());
            assertSameFiles(files, temp.resolve("second"));

            // a mirror of another commit is refused
            served.put(Manifest.FILE, new String(served.get(Manifest.FILE), StandardCharsets.UTF_8)
                    .replace(DataSet.named(PLUGINS, "bbh").commit(), "0".repeat(40)).getBytes(StandardCharsets.UTF_8));
            github.mirror(served);
            Outcome other = harness("data", "get", "bbh", "--out", "third", "--quiet", "--from",
                    github.base() + "/mirror");
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
        assertTrue(list.out().contains("niv2") && list.out().contains("allenai/natural-instructions"), list.out());
    }
}
