package org.imlbench.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code harness serve}'s HTTP server on a fake model: the OpenAI shapes it answers, batching across concurrent
 * clients, and that nothing a client sends stops it from serving the next request.
 */
class CompletionServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private CompletionServer server;
    private FakeModel model;

    private void start(long delayMillis, int maxQueued) throws IOException {
        model = new FakeModel(delayMillis);
        ServeSettings d = ServeSettings.defaults("fake", 0);
        server = CompletionServer.start(model, new ServeSettings(d.host(), 0, "fake", 8, maxQueued, 32, 1 << 20, 8,
                1000));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** A 4xx with an OpenAI-style error, after which the server still answers a good request. */
    private JsonNode refused(int status, String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertEquals(status, response.statusCode(), body + " -> " + response.body());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertTrue(error.get("message").asText().length() > 5, response.body());
        assertEquals(200, post("{\"model\":\"fake\",\"prompt\":\"ok\",\"max_tokens\":1}").statusCode());
        return error;
    }

    @Test
    void echoesLogprobsAndGeneratesInOpenAiShape() throws Exception {
        start(0, 100);
        JsonNode models = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("fake", models.at("/data/0/id").asText());
        assertEquals(FakeModel.WINDOW, models.at("/data/0/max_model_len").asInt());

        JsonNode scored = ok("{\"model\":\"fake\",\"prompt\":[\"ab\",\"Ãc\"],\"max_tokens\":0,\"echo\":true,"
                + "\"logprobs\":1}");
        JsonNode first = scored.at("/choices/0");
        assertEquals("ab", first.get("text").asText());
        JsonNode lp = first.get("logprobs");
        assertEquals(List.of("", "a", "b"), texts(lp.get("tokens")));
        assertTrue(lp.get("token_logprobs").get(0).isNull());
        assertEquals(FakeModel.logProb(4 + 'b'), lp.get("token_logprobs").get(2).asDouble());
        assertEquals(-0.5, lp.at("/top_logprobs/1/a").asDouble());
        assertEquals("[0,0,1]", lp.get("text_offset").toString());
        assertEquals(4, scored.at("/choices/1/logprobs/tokens").size(), "Ã is two UTF-8 bytes, two tokens");
        assertEquals(3 + 4, scored.at("/usage/prompt_tokens").asInt());

        JsonNode generated = ok("{\"model\":\"fake\",\"prompt\":\"x\",\"max_tokens\":5,\"stop\":[\"ba\"]}");
        assertEquals("a", generated.at("/choices/0/text").asText());
        assertEquals("stop", generated.at("/choices/0/finish_reason").asText());
        assertEquals("ba", generated.at("/choices/0/stop_reason").asText());
        JsonNode length = ok("{\"model\":\"fake\",\"prompt\":\"x\",\"max_tokens\":3,\"echo\":true,\"logprobs\":0}");
        assertEquals("xaba", length.at("/choices/0/text").asText());
        assertEquals("length", length.at("/choices/0/finish_reason").asText());
        assertEquals(5, length.at("/choices/0/logprobs/tokens").size(), "BOS, the prompt and 3 new tokens");
        assertEquals("[0,0,1,2,3]", length.at("/choices/0/logprobs/text_offset").toString());
        JsonNode plain = ok("{\"model\":\"fake\",\"prompt\":\"xy\",\"max_tokens\":2,\"logprobs\":1}");
        assertEquals("[0,1]", plain.at("/choices/0/logprobs/text_offset").toString(),
                "without echo, offsets count from the generated text");
        JsonNode ids = ok("{\"model\":\"fake\",\"prompt\":[2,101,102],\"max_tokens\":0,\"echo\":true}");
        assertEquals("ab", ids.at("/choices/0/text").asText());
    }

    @Test
    void promptsLongerThanTheWindowLoseTheirOldestTokens() throws Exception {
        start(0, 100);
        String prompt = "0123456789abcdefghij"; // 21 tokens with BOS, the window is 16
        JsonNode lp = ok("{\"model\":\"fake\",\"prompt\":\"" + prompt + "\",\"max_tokens\":0,\"echo\":true,"
                + "\"logprobs\":1}").at("/choices/0/logprobs");
        assertEquals(FakeModel.WINDOW, lp.get("tokens").size());
        assertEquals("4", lp.get("tokens").get(0).asText(), "BOS and 0-3 are dropped");
        assertTrue(lp.get("token_logprobs").get(0).isNull());
        assertEquals(4, lp.get("text_offset").get(0).asInt(), "offsets still count from the prompt's start");
    }

    @Test
    void badRequestsGetErrorsAndTheServerKeepsServing() throws Exception {
        start(0, 100);
        assertNull(refused(400, "{\"model\":").get("param").textValue());
        assertEquals("max_tokens", refused(400, "{\"model\":\"fake\",\"prompt\":\"x\",\"max_tokens\":\"ten\"}")
                .get("param").asText());
        assertEquals("prompt", refused(400, "{\"model\":\"fake\",\"prompt\":true}").get("param").asText());
        assertEquals("model", refused(400, "{\"prompt\":\"x\"}").get("param").asText());
        assertEquals("model_not_found", refused(404, "{\"model\":\"gpt-7\",\"prompt\":\"x\"}").get("code").asText());
        assertEquals("max_tokens", refused(400, "{\"model\":\"fake\",\"prompt\":\"x\",\"max_tokens\":"
                + "1000000000000}").get("param").asText());
        assertEquals("prompt", refused(400, "{\"model\":\"fake\",\"prompt\":[2,99999]}").get("param").asText());
        refused(400, "null");
        refused(400, "\u0000\u0001garbage");
        refused(400, "{\"model\":\"fake\",\"prompt\":" + "[".repeat(100_000) + "}");
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/completions"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        HttpResponse<String> nowhere = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/nowhere"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, nowhere.statusCode());
        refused(500, "{\"model\":\"fake\",\"prompt\":\"FAIL\",\"max_tokens\":1}");
    }

    /** A 100 MB body, with and without Content-Length, is refused with 413 while the client is still sending. */
    @Test
    void hugeBodiesAreRefusedWithoutReadingThem() throws Exception {
        start(0, 100);
        for (boolean chunked : new boolean[] {false, true}) {
            long size = 100L << 20;
            String status;
            try (Socket socket = new Socket(server.baseUrl().getHost(), server.baseUrl().getPort())) {
                OutputStream out = socket.getOutputStream();
                String head = "POST /v1/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    byte[] block = new byte[1 << 16];
                    Arrays.fill(block, (byte) ' ');
                    try {
                        for (long sent = 0; sent < size; sent += block.length) {
                            if (chunked) {
                                out.write((Integer.toHexString(block.length) + "\r\n").getBytes(
                                        StandardCharsets.US_ASCII));
                            }
                            out.write(block);
                            if (chunked) {
                                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                            }
                        }
                    } catch (IOException e) {
                        // the server closed the connection after answering: expected
                    }
                });
                InputStream in = socket.getInputStream();
                byte[] line = new byte[12];
                assertEquals(12, in.readNBytes(line, 0, 12));
                status = new String(line, StandardCharsets.US_ASCII);
                socket.close();
                writer.join();
            }
            assertEquals("HTTP/1.1 413", status, chunked ? "chunked" : "content-length");
        }
        assertEquals(200, post("{\"model\":\"fake\",\"prompt\":\"ok\",\"max_tokens\":1}").statusCode());
    }

    @Test
    void concurrentRequestsShareBackendCallsAndAFailingPromptFailsOnlyItsRequest() throws Exception {
        start(50, 1000);
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String prompt = i == 17 ? "FAIL" : "p" + i;
                answers.add(clients.submit(() -> post("{\"model\":\"fake\",\"prompt\":\"" + prompt
                        + "\",\"max_tokens\":0,\"echo\":true,\"logprobs\":1}")));
            }
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<String> r = answers.get(i).get();
                assertEquals(i == 17 ? 500 : 200, r.statusCode(), r.body());
                if (i != 17) {
                    assertEquals("p" + i, JSON.readTree(r.body()).at("/choices/0/text").asText());
                }
            }
        } finally {
            clients.shutdownNow();
        }
        long[] counts = server.batchCounts();
        assertTrue(model.batchSizes.stream().anyMatch(n -> n > 1), "requests were batched: " + model.batchSizes);
        assertTrue(model.batchSizes.stream().allMatch(n -> n <= 8), "batches respect --max-batch");
        assertTrue(counts[0] < 48, counts[0] + " backend calls for 48 requests");
    }

    @Test
    void aFullQueueAnswers503WithRetryAfter() throws Exception {
        start(300, 2);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(clients.submit(() -> post(
                        "{\"model\":\"fake\",\"prompt\":[\"a\",\"b\"],\"max_tokens\":1}")));
            }
            int busy = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 503) {
                    busy++;
                    assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
                } else {
                    assertEquals(200, r.statusCode(), r.body());
                }
            }
            assertTrue(busy > 0, "some requests found the queue full");
        } finally {
            clients.shutdownNow();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
