package org.imlbench.torchrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the interpreter, with stand-in interpreters that answer the probe as a real one would. */
class PythonRuntimeTest {
    @TempDir
    Path temp;

    private String fake(String name, String... lines) throws IOException {
        Path file = temp.resolve(name);
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        for (String line : lines) {
            script.append("echo '").append(line).append("'\n");
        }
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file.toString();
    }

    @Test
    void theDefaultWithoutTorchFallsBackToOneThatHasItAndSaysSoInOneLine() throws IOException {
        String pyenv = fake("pyenv-python3", "python /home/u/.pyenv/versions/3.11.7/bin/python3 3.11.7",
                "numpy 1.26.4", "missing torch ModuleNotFoundError");
        String system = fake("system-python3", "python /usr/bin/python3 3.11.2", "numpy 1.24.2",
                "torch 1.13.0a0+gitunknown");
        List<String> notes = new ArrayList<>();
        PythonRuntime found = PythonRuntime.find(pyenv, false, false, List.of(system), notes::add);
        assertEquals(system, found.command());
        assertEquals("1.13.0a0+gitunknown", found.torchVersion());
        assertEquals(List.of("torchrun: " + pyenv + " (/home/u/.pyenv/versions/3.11.7/bin/python3, Python 3.11.7) "
                + "cannot import torch; using " + system + " (torch 1.13.0a0+gitunknown, numpy 1.24.2, Python "
                + "3.11.2) instead"), notes);
    }

    @Test
    void aGivenInterpreterIsUsedAsGivenOrRefusedInOneLine() throws IOException {
        String old = fake("old", "python /opt/py/bin/python3 3.10.4", "numpy 1.21.0", "torch 1.12.1");
        String system = fake("system", "python /usr/bin/python3 3.11.2", "numpy 1.24.2", "torch 1.13.0");
        IOException e = assertThrows(IOException.class,
                () -> PythonRuntime.find(old, true, false, List.of(system), s -> { }));
        assertEquals("torchrun backend: " + old + " (/opt/py/bin/python3, Python 3.10.4) has torch 1.12.1 and numpy "
                + "1.21.0; the trainer needs torch >= 1.13 (>= 2.0 on GPUs) and numpy >= 1.20 on Python >= 3.8 "
                + "(install python3-torch and python3-numpy, or pass --backend-option python=PATH)", e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void gpusNeedTorchTwoWithCuda() throws IOException {
        String cpuOnly = fake("cpu-only", "python /usr/bin/python3 3.11.2", "numpy 1.24.2", "torch 2.5.1",
                "cuda False");
        IOException e = assertThrows(IOException.class,
                () -> PythonRuntime.find(cpuOnly, true, true, List.of(), s -> { }));
        assertTrue(e.getMessage().contains("has torch 2.5.1 without a CUDA device"), e.getMessage());
        String debian = fake("debian", "python /usr/bin/python3 3.11.2", "numpy 1.24.2", "torch 1.13.0",
                "cuda True");
        e = assertThrows(IOException.class, () -> PythonRuntime.find(debian, true, true, List.of(), s -> { }));
        assertTrue(e.getMessage().contains("needs torch >= 2.0"), e.getMessage());
        String cuda = fake("cuda", "python /usr/bin/python3 3.12.3", "numpy 2.1.0", "torch 2.11.0+cu128",
                "cuda True");
        assertTrue(PythonRuntime.find(cuda, true, true, List.of(), s -> { }).cuda());
    }

    @Test
    void aMissingInterpreterIsNamed() {
        IOException e = assertThrows(IOException.class, () -> PythonRuntime.find(temp.resolve("nope").toString(),
                false, false, List.of(temp.resolve("nope-either").toString()), s -> { }));
        assertTrue(e.getMessage().startsWith("torchrun backend: cannot run '" + temp.resolve("nope") + "' ("),
                e.getMessage());
        String broken = temp.resolve("broken").toString();
        assertTrue(assertThrows(IOException.class, () -> PythonRuntime.find(fakeFailing(broken), true, false,
                List.of(), s -> { })).getMessage().contains("is not a working Python (exit 3: no such interpreter)"));
    }

    private static String fakeFailing(String path) throws IOException {
        Files.writeString(Path.of(path), "#!/bin/sh\necho 'no such interpreter'\nexit 3\n");
        Files.setPosixFilePermissions(Path.of(path), PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    @Test
    void versionsCompareByMajorAndMinor() {
        assertTrue(PythonRuntime.older("1.12.1", 1, 13));
        assertTrue(!PythonRuntime.older("1.13.0a0+gitunknown", 1, 13));
        assertTrue(!PythonRuntime.older("2.11.0+cu128", 2, 0));
        assertTrue(PythonRuntime.older("garbage", 1, 0));
        assertTrue(PythonRuntime.older(null, 1, 0));
    }
}
