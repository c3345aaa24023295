package org.imlbench.reports.allure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.imlbench.rundir.ModelRef;
import org.imlbench.rundir.RunInfo;
import org.imlbench.rundir.RunMode;
import org.junit.jupiter.api.Test;

class EnvironmentFilesTest {
    @Test
    void propertiesReadBackAsWrittenWhateverTheCharacters() throws IOException {
        RunInfo run = new RunInfo("r=1", "2026-11-26T14:30:12Z", RunMode.RUN,
                Map.of("base", new ModelRef("facebook/opt-125m", "djl", "gpu:0,1", 125_000_000L,
                        Map.of("path", "C:\\models\\opt #1: fine"))),
                "opt-iml", 2, 7, List.of("niv2=../shared/data/niv2"), Map.of("java", "17.0.15"), null, "cpu", null);
        Properties properties = new Properties();
        properties.load(new StringReader(EnvironmentFiles.properties(run, "fully_held_out")));
        assertEquals("r=1", properties.getProperty("run.id"));
        assertEquals("facebook/opt-125m", properties.getProperty("model.base"));
        assertEquals("gpu:0,1", properties.getProperty("model.base.device"));
        assertEquals("125000000", properties.getProperty("model.base.parameters"));
        assertEquals("C:\\models\\opt #1: fine", properties.getProperty("model.base.path"));
        assertEquals("niv2=../shared/data/niv2", properties.getProperty("tasks"));
        assertEquals("unknown", properties.getProperty("git.commit"));
        assertEquals("17.0.15", properties.getProperty("version.java"));
        assertEquals("7", properties.getProperty("seed"));
    }
}
