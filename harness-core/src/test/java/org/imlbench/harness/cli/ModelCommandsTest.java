package org.imlbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harness score} and {@code harness generate} end to end through {@link Main} on the opt-tiny fixture. */
class ModelCommandsTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), temp).run(args);
    }

    private static Path fixture() {
        return SharedData.fixtures("opt/opt-tiny");
    }

    @Test
    void scorePrintsLogLikelihoodIdsAndGreedyFlag() throws Exception {
        String model = fixture().toString();
        assertEquals(0, run("generate", "--model", model, "--prompt", "The cat", "--max-new-tokens", "2", "--json"),
                err.toString(StandardCharsets.UTF_8));
        JsonNode generated = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(2, generated.get("continuation_ids").size());
        assertEquals("max_new_tokens", generated.get("stop_reason").asText());
        assertEquals(2, generated.get("prompt_ids").get(0).asInt(), "prompts start with </s>");
        out.reset();

        assertEquals(0, run("score", "--model", model, "--context", "The cat", "--continuation",
                generated.get("continuation").asText(), "--json"), err.toString(StandardCharsets.UTF_8));
        JsonNode scored = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(generated.get("prompt_ids"), scored.get("context_ids"));
        assertEquals(generated.get("continuation_ids"), scored.get("continuation_ids"));
        assertEquals(2, scored.get("token_count").asInt());
        assertTrue(scored.get("is_greedy").asBoolean(), "the generated continuation is the greedy one");
        assertTrue(scored.get("log_likelihood").asDouble() < 0);
    }

    @Test
    void generatePrintsTextAndIds() {
        assertEquals(0, run("generate", "--model", fixture().toString(), "--prompt", "Hello", "--max-new-tokens", "6"),
                err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("continuation ids: ["), text);
    }

    @Test
    void missingModelIsAUsageError() {
        assertEquals(2, run("score", "--context", "a", "--continuation", "b"));
    }
}
