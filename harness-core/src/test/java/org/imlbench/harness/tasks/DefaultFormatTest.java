package org.imlbench.harness.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imlbench.api.UsageException;
import org.imlbench.harness.plugins.PluginRegistry;
import org.imlbench.harness.splits.TestData;
import org.junit.jupiter.api.Test;

class DefaultFormatTest {
    private final PluginRegistry plugins = TestData.plugins();

    @Test
    void taskSourcesThatNameAFormatGetIt() {
        assertEquals("lm-eval", DefaultFormat.forTasks(plugins, List.of("lm-eval=tasks")));
        assertEquals("promptsource", DefaultFormat.forTasks(plugins, List.of("promptsource=templates")));
        assertEquals("lm-eval", DefaultFormat.forTasks(plugins, List.of("lm-eval=a", "lm-eval=b")));
    }

    @Test
    void otherwiseAndWhenSourcesDisagreeTheHarnessDefault() {
        assertEquals("optiml", DefaultFormat.forTasks(plugins, List.of("synthetic")));
        assertEquals("optiml", DefaultFormat.forTasks(plugins, List.of("niv2=data", "bbh=data")));
        assertEquals("optiml", DefaultFormat.forTasks(plugins, List.of("lm-eval=tasks", "synthetic")));
        assertEquals("optiml", DefaultFormat.forTasks(plugins, List.of("lm-eval=tasks", "promptsource=t")));
        assertEquals("optiml", DefaultFormat.forTasks(plugins, List.of()));
    }

    @Test
    void anUnknownKindIsAUsageError() {
        UsageException e = assertThrows(UsageException.class,
                () -> DefaultFormat.forTasks(plugins, List.of("nosuch=x")));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    }
}
