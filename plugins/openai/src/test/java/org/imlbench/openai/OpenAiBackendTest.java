package org.imlbench.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imlbench.api.Capability;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.ScoreResult;
import org.imlbench.api.UsageException;
import org.junit.jupiter.api.Test;

/** The openai backend against scripted servers on 127.0.0.1: scores, retries, failures, the key, concurrency. */
class OpenAiBackendTest {
    private static LanguageModel load(ScriptedServer server, String... options) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base-url", server.baseUrl() + "/");
        for (int i = 0; i < options.length; i += 2) {
            values.put(options[i], options[i + 1]);
        }
        return new OpenAiBackend().load(new ModelRequest("m", "cpu", Options.of(values)));
    }

    private static final ScoreRequest REQUEST = new ScoreRequest("t", "i", "The cat", List.of(" sat", " sat down"));

    @Test
    void scoresFromEchoedLogprobs() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); LanguageModel model = load(server)) {
            ScoreResult result = model.score(List.of(REQUEST), ProgressListener.NONE).get(0);
            ContinuationScore sat = result.scores().get(0);
            assertEquals(-3.0, sat.logLikelihood());
            assertEquals(1, sat.tokenCount());
            assertFalse(sat.greedy(), "the top alternative had -1");
            assertEquals(-7.0, result.scores().get(1).logLikelihood());
            assertEquals(1, server.posts.get(), "one request per instance, one prompt per option");
            GenerateResult.Generated g = (GenerateResult.Generated) model.generate(List.of(new GenerateRequest("t",
                    "i", "Q", 4, List.of())), ProgressListener.NONE).get(0);
            assertEquals("ok", g.text());
            assertEquals(GenerateResult.StopReason.MAX_NEW_TOKENS, g.stopReason());
            assertEquals("64", model.info().details().get("max model len"));
        }
    }

    @Test
    void serversThatRefuseZeroTokensOrCannotScoreAreOptions() throws Exception {
        try (ScriptedServer server = new ScriptedServer();
             LanguageModel oneToken = load(server, "echo-max-tokens", "1");
             LanguageModel generationOnly = load(server, "scoring", "false")) {
            ScoreResult result = oneToken.score(List.of(REQUEST), ProgressListener.NONE).get(0);
            assertEquals(-3.0, result.scores().get(0).logLikelihood(), "the generated token is not scored");
            assertEquals(1, result.scores().get(0).tokenCount());
            assertEquals(Set.of(Capability.GENERATE), generationOnly.capabilities());
            assertThrows(IOException.class, () -> generationOnly.score(List.of(REQUEST), ProgressListener.NONE));
        }
    }

    @Test
    void retriesTooManyRequestsAfterRetryAfterThenServerErrorsThenSucceeds() throws Exception {
        try (ScriptedServer server = new ScriptedServer(new ScriptedServer.Failure(429, "1"),
                new ScriptedServer.Failure(500, null));
             LanguageModel model = load(server, "max-retries", "2")) {
            long start = System.nanoTime();
            ScoreResult result = model.score(List.of(REQUEST), ProgressListener.NONE).get(0);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(-3.0, result.scores().get(0).logLikelihood());
            assertEquals(3, server.posts.get());
            assertTrue(seconds >= 1.0, "Retry-After: 1 was honoured (" + seconds + " s)");
        }
    }

    @Test
    void aRequestThatKeepsFailingIsAnErrorNamingUrlAndStatusNeverAScore() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); LanguageModel model = load(server, "max-retries", "2",
                "api-key-env", "PATH")) {
            server.alwaysFail = true;
            IOException e = assertThrows(IOException.class, () -> model.score(List.of(REQUEST),
                    ProgressListener.NONE));
            assertTrue(e.getMessage().contains(server.baseUrl() + "/completions failed after 3 attempts: HTTP 500: "
                    + "scripted 500"), e.getMessage());
            assertEquals(3, server.posts.get());
            String key = System.getenv("PATH");
            assertFalse(e.getMessage().contains(key));
            assertTrue(server.authorizations.stream().allMatch(a -> a.equals("Bearer " + key)),
                    "the key travels as a bearer token");
            assertTrue(model.info().details().values().stream().noneMatch(v -> v.contains(key)),
                    "the key is never part of what the model says about itself");
            assertEquals("from $PATH", model.info().details().get("api key"));
        }
    }

    @Test
    void aRefusedRequestIsNotRetried() throws Exception {
        try (ScriptedServer server = new ScriptedServer(new ScriptedServer.Failure(400, null));
             LanguageModel model = load(server)) {
            IOException e = assertThrows(IOException.class, () -> model.generate(List.of(new GenerateRequest("t",
                    "i", "Q", 4, List.of())), ProgressListener.NONE));
            assertTrue(e.getMessage().contains("HTTP 400: scripted 400"), e.getMessage());
            assertEquals(1, server.posts.get());
        }
    }

    @Test
    void aServerThatIsDownIsRetriedThenReported() throws Exception {
        String url;
        try (ScriptedServer gone = new ScriptedServer()) {
            url = gone.baseUrl();
        }
        try (LanguageModel model = new OpenAiBackend().load(new ModelRequest("m", "cpu", Options.of(Map.of(
                "base-url", url, "max-retries", "1"))))) {
            assertTrue(model.info().details().get("model list").startsWith("unverified"));
            IOException e = assertThrows(IOException.class, () -> model.score(List.of(REQUEST),
                    ProgressListener.NONE));
            assertTrue(e.getMessage().contains("failed after 2 attempts: no connection"), e.getMessage());
        }
    }

    @Test
    void manyRequestsAreInFlightUpToTheConcurrency() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); LanguageModel model = load(server, "concurrency", "4")) {
            server.delayMillis = 100;
            List<ScoreRequest> requests = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                requests.add(new ScoreRequest("t", "i" + i, "The cat", List.of(" sat")));
            }
            long[] last = new long[1];
            List<ScoreResult> results = model.score(requests, (done, total) -> last[0] = done);
            assertEquals(16, results.size());
            assertEquals(16, last[0]);
            assertTrue(server.maxInFlight.get() > 1 && server.maxInFlight.get() <= 4, "in flight: "
                    + server.maxInFlight.get());
        }
    }

    @Test
    void optionsAreCheckedAndTheModelMustBeServed() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            OpenAiBackend backend = new OpenAiBackend();
            assertThrows(UsageException.class, () -> backend.load(new ModelRequest("m", "cpu", Options.empty())));
            assertThrows(UsageException.class, () -> backend.load(new ModelRequest("m", "cpu", Options.of(Map.of(
                    "base-url", "ftp://x/v1")))));
            assertThrows(UsageException.class, () -> backend.load(new ModelRequest("m", "cpu", Options.of(Map.of(
                    "base-url", server.baseUrl(), "concurrency", "0")))));
            IOException e = assertThrows(IOException.class, () -> backend.load(new ModelRequest("gpt-7", "cpu",
                    Options.of(Map.of("base-url", server.baseUrl())))));
            assertTrue(e.getMessage().contains("does not serve 'gpt-7'; it serves [m]"), e.getMessage());
        }
    }
}
