package org.imlbench.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.testkit.ContractData;
import org.imlbench.testkit.ModelBackendContract;
import org.junit.jupiter.api.io.TempDir;

/** The replay backend passes the plugin authors' contract kit, replaying a prediction for each contract request. */
class ReplayBackendContractTest extends ModelBackendContract {
    @TempDir
    Path dir;

    @Override
    protected ModelBackend backend() {
        return new ReplayBackend();
    }

    @Override
    protected ModelRequest request() {
        Path file = dir.resolve("predictions.jsonl");
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        try {
            for (GenerateRequest r : ContractData.generateRequests()) {
                lines.add(json.writeValueAsString(Map.of("task", r.taskId(), "instance", r.instanceId(),
                        "prediction", "recorded " + r.instanceId())));
            }
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelRequest("replay", "cpu", Options.of(Map.of("predictions", file.toString())));
    }
}
