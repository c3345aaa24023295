package org.imlbench.harness.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.imlbench.harness.plugins.PluginRegistry;
import org.junit.jupiter.api.Test;

/** File patterns ({@code folder/NAME}, {@code folder/**}{@code /NAME}), roots and the catalog. */
class DataSetTest {
    private static final PluginRegistry PLUGINS = PluginRegistry.discover(List.of(), false);

    @Test
    void aFolderPatternTakesTheFolderItselfOnly() {
        DataSet.Pattern json = DataSet.Pattern.parse("bbh/*.json");
        assertEquals(new DataSet.Pattern("bbh", false, "*.json"), json);
        assertTrue(json.takes("bbh/date_understanding.json"));
        assertFalse(json.takes("bbh/nested/date_understanding.json"));
        assertFalse(json.takes("bbh/README.md"));
        assertFalse(json.takes("bbhx/a.json"));
        assertFalse(json.takes("other/bbh/a.json"));
        assertTrue(DataSet.Pattern.parse("splits/default/*.txt").takes("splits/default/test_tasks.txt"));
    }

    @Test
    void aRecursivePatternTakesTheWholeTree() {
        DataSet.Pattern all = DataSet.Pattern.parse("lm_eval/tasks/**/*");
        assertEquals(new DataSet.Pattern("lm_eval/tasks", true, "*"), all);
        assertTrue(all.takes("lm_eval/tasks/glue/sst2/default.yaml"));
        assertTrue(all.takes("lm_eval/tasks/afrobench/flores/prompt_2/african-english/flores"));
        assertTrue(all.takes("lm_eval/tasks/README.md"), "the folder's own files count too");
        assertFalse(all.takes("lm_eval/api/registry.py"));
        assertFalse(all.takes("lm_eval/tasks"));

        DataSet.Pattern templates = DataSet.Pattern.parse("promptsource/templates/**/templates.yaml");
        assertTrue(templates.takes("promptsource/templates/imdb/templates.yaml"));
        assertTrue(templates.takes("promptsource/templates/super_glue/rte/templates.yaml"));
        assertFalse(templates.takes("promptsource/templates/imdb/old_templates.yaml"));
        assertFalse(templates.takes("promptsource/templates/imdb/templates.yaml.bak"));
        assertEquals("promptsource/templates/**/templates.yaml", templates.toString());
    }

    @Test
    void wildcardsMatchAnyRunOfCharactersInTheName() {
        DataSet.Pattern pattern = DataSet.Pattern.parse("t/**/_*_yaml");
        assertTrue(pattern.matches("a/_default_template_yaml"));
        assertTrue(pattern.matches("__yaml"));
        assertFalse(pattern.matches("_yaml"), "the two underscores cannot be one");
        assertFalse(pattern.matches("a/default_yaml"));
        DataSet.Pattern twice = DataSet.Pattern.parse("t/a*b*a");
        assertTrue(twice.matches("aba") && twice.matches("axxbyya") && twice.matches("abba"));
        assertFalse(twice.matches("ab") || twice.matches("a") || twice.matches("xaba"));
    }

    @Test
    void malformedPatternsAreRefused() {
        for (String bad : List.of("*.json", "/*.json", "a/*/b.json", "a/../b/*.json", "a//b/*.json", "a/**",
                "a/**/", "**/*.json", "a/**/**/*.json", "a/***.json", "./a/*.json")) {
            assertThrows(IllegalArgumentException.class, () -> DataSet.Pattern.parse(bad), bad);
        }
    }

    @Test
    void filesLieBelowTheRoot() {
        DataSet set = new DataSet("x", "", "o/r", "0".repeat(40), "lm_eval", List.of("lm_eval/tasks/**/*"),
                "lm-eval", "tasks", null);
        assertEquals("tasks/glue/sst2/default.yaml", set.localPath("lm_eval/tasks/glue/sst2/default.yaml"));
        assertEquals("lm-eval=" + Path.of("/d/tasks"), set.tasksArgument(Path.of("/d")));
        assertThrows(IllegalArgumentException.class, () -> new DataSet("x", "", "o/r", "0".repeat(40), "lm_eval",
                List.of("lm_evaluation/*.yaml"), "lm-eval", null, null));
        assertThrows(IllegalArgumentException.class, () -> new DataSet("x", "", "o/r", "0".repeat(40), "../up",
                List.of("up/*.yaml"), "lm-eval", null, null));
        DataSet plain = new DataSet("y", "", "o/r", "0".repeat(40), null, List.of("bbh/*.json"), "bbh", null, null);
        assertEquals("bbh/a.json", plain.localPath("bbh/a.json"));
        assertEquals("bbh=" + Path.of("/d"), plain.tasksArgument(Path.of("/d")));
    }

    @Test
    void theCatalogPinsEveryDataSetAtAFullCommit() {
        assertEquals(List.of("bbh", "lm-eval", "niv2", "promptsource"), List.copyOf(DataSet.catalog(PLUGINS).keySet()));
        DataSet lmEval = DataSet.named(PLUGINS, "lm-eval");
        assertEquals("4e7e0d47f33bc71070c1d38394bafbb52b117163", lmEval.commit());
        assertEquals("tasks/bbh/fewshot/_fewshot_template_yaml",
                lmEval.localPath("lm_eval/tasks/bbh/fewshot/_fewshot_template_yaml"));
        DataSet promptSource = DataSet.named(PLUGINS, "promptsource");
        assertEquals("7dab96a3eeb3717cea633705135ebc488885d709", promptSource.commit());
        assertEquals("imdb/templates.yaml", promptSource.localPath("promptsource/templates/imdb/templates.yaml"));
    }
}
