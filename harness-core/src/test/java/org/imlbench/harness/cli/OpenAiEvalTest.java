package org.imlbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.rundir.TaskOutcome;
import org.imlbench.serve.CompletionServer;
import org.imlbench.serve.ServeSettings;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code harness eval --backend openai} against {@code harness serve}'s server (opt-tiny on djl) behind a proxy of
 * the test's own on 127.0.0.1 that injects failures: 429 with Retry-After, then 500, and the run still completes;
 * a server that always fails makes every task an error (never a score), and {@code --resume} finishes them once it
 * is back.
 */
class OpenAiEvalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LanguageModel model;
    private static CompletionServer server;
    private static FaultyProxy proxy;

    @TempDir
    Path tmp;

    /** Forwards to the real server, unless the script or {@code down} says to fail. */
    private static final class FaultyProxy implements AutoCloseable {
        final ConcurrentLinkedQueue<int[]> script = new ConcurrentLinkedQueue<>();
        final AtomicInteger failures = new AtomicInteger();
        volatile boolean down;
        private final HttpServer http;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI target;

        FaultyProxy(URI target) throws IOException {
            this.target = target;
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newFixedThreadPool(16));
            http.createContext("/", this::handle);
            http.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            int[] failure = path.endsWith("/completions") ? (down ? new int[] {500, 0} : script.poll()) : null;
            byte[] answer;
            int status;
            if (failure != null) {
                failures.incrementAndGet();
                status = failure[0];
                if (failure[1] > 0) {
                    exchange.getResponseHeaders().set("Retry-After", Integer.toString(failure[1]));
                }
                answer = ("{\"error\":{\"message\":\"injected " + status + "\",\"type\":\"server_error\"}}")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + path.substring(3)));
                forward = exchange.getRequestMethod().equals("POST")
                        ? forward.POST(HttpRequest.BodyPublishers.ofByteArray(body)) : forward.GET();
                try {
                    HttpResponse<byte[]> response = client.send(forward.build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    status = response.statusCode();
                    answer = response.body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    @BeforeAll
    static void serve() throws Exception {
        ModelBackend djl = ServiceLoader.load(ModelBackend.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.name().equals("djl")).findFirst().orElseThrow();
        model = djl.load(new ModelRequest(SharedData.fixtures("opt/opt-tiny").toString(), "cpu", Options.empty()));
        server = CompletionServer.start(model, ServeSettings.defaults("opt-tiny", 0));
        proxy = new FaultyProxy(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
        if (model != null) {
            model.close();
        }
    }

    private record Outcome(int code, String out, String err) {
    }

    private Outcome harness(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), tmp).run(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Outcome eval(String out) {
        return harness("eval", "--backend", "openai", "--model", "opt-tiny", "--backend-option",
                "base-url=" + proxy.baseUrl(), "--backend-option", "max-retries=2", "--limit", "2", "--out", out,
                "--no-html", "--quiet");
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static int failedTasks(Path run) throws IOException {
        int failed = 0;
        try (Stream<Path> done = Files.walk(run.resolve("tasks"))) {
            for (Path marker : done.filter(p -> p.toString().endsWith(".done")).toList()) {
                failed += JSON.readValue(marker.toFile(), TaskOutcome.class).failed() ? 1 : 0;
            }
        }
        return failed;
    }

    @Test
    void tooManyRequestsThenAServerErrorAreRetriedAndTheRunCompletes() throws Exception {
        proxy.script.add(new int[] {429, 1});
        proxy.script.add(new int[] {500, 0});
        int before = proxy.failures.get();
        Outcome result = eval("retried");
        assertEquals(0, result.code(), result.err());
        assertEquals(2, proxy.failures.get() - before, "both injected failures were met");
        assertTrue(result.out().contains("model: 24 tasks, 0 failed"), result.out());
        assertEquals(0, failedTasks(onlyRun(tmp.resolve("retried"))));
    }

    @Test
    void aServerThatKeepsFailingFailsTasksThatResumeFinishesOnceItIsBack() throws Exception {
        proxy.down = true;
        Outcome failing;
        try {
            failing = eval("down");
        } finally {
            proxy.down = false;
        }
        assertEquals(0, failing.code(), failing.err());
        assertTrue(failing.out().contains("model: 24 tasks, 24 failed"), failing.out());
        Path run = onlyRun(tmp.resolve("down"));
        assertEquals(24, failedTasks(run));
        try (Stream<Path> markers = Files.walk(run.resolve("tasks"))) {
            Path marker = markers.filter(p -> p.toString().endsWith(".done")).findFirst().orElseThrow();
            String error = JSON.readTree(marker.toFile()).get("error").asText();
            assertTrue(error.contains("failed after 3 attempts: HTTP 500: injected 500"), error);
        }
        if (Files.isDirectory(run.resolve("samples"))) {
            try (Stream<Path> samples = Files.walk(run.resolve("samples"))) {
                assertEquals(List.of(), samples.filter(p -> p.toString().endsWith(".jsonl")).toList(),
                        "a failed task has no samples, never zero scores");
            }
        }

        Outcome resumed = harness("eval", "--resume", run.toString(), "--no-html", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("model: 24 tasks, 0 failed"), resumed.out());
        assertEquals(0, failedTasks(run));
    }
}
