package org.imlbench.templates.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imlbench.api.TaskLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile or broken YAML file gives: an error naming the file and the problem, never a crash or a hang. */
class YamlFilesTest {
    @TempDir
    Path dir;

    private TaskLoadException refused(String yaml) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, yaml);
        TaskLoadException e = assertThrows(TaskLoadException.class, () -> YamlFiles.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e;
    }

    @Test
    void aliasesExpandWithinABoundAndNeverIntoThemselves() throws Exception {
        StringBuilder laughs = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 20; i++) {
            laughs.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        assertTrue(refused(laughs.toString()).getMessage().contains("aliases expand it to more than 65536 values"));
        assertTrue(refused("a: &a [1, *a]\n").getMessage().contains("contain itself"));
        // a few aliases, as real files use them, are expanded into copies
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "base: &b {x: 1}\nboth: [*b, *b]\n");
        assertEquals(Map.of("base", Map.of("x", 1L), "both", List.of(Map.of("x", 1L), Map.of("x", 1L))),
                YamlFiles.read(file));
    }

    @Test
    void aTemplateTagOnAScalarAndBytesThatAreNotUtf8AreNamed() throws Exception {
        assertTrue(refused("templates:\n  t1: !Template 7\n").getMessage().contains(
                "line 2, column 7: invalid YAML: the tag !Template marks a mapping, not a scalar"));
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        TaskLoadException e = assertThrows(TaskLoadException.class, () -> YamlFiles.read(latin1));
        assertEquals(latin1 + ": not valid UTF-8", e.getMessage());
    }
}
