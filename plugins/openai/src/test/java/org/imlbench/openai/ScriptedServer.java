package org.imlbench.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imlbench.openai.protocol.Choice;
import org.imlbench.openai.protocol.CompletionRequest;
import org.imlbench.openai.protocol.CompletionResponse;
import org.imlbench.openai.protocol.ErrorBody;
import org.imlbench.openai.protocol.Logprobs;
import org.imlbench.openai.protocol.ModelCard;
import org.imlbench.openai.protocol.ModelList;
import org.imlbench.openai.protocol.Prompt;
import org.imlbench.openai.protocol.Usage;

/**
 * A completions server of the tests' own on 127.0.0.1 that answers each {@code POST} with the next scripted failure
 * (a status and an optional Retry-After), and once the script is used up with a well-formed answer: echoed prompts
 * are split into words ({@code "The cat"} is the tokens "", "The", " cat"), word i having log-probability -i and the
 * top alternative -1; generation answers "ok".
 */
final class ScriptedServer implements AutoCloseable {
    /** One scripted failure. */
    record Failure(int status, String retryAfter) {
    }

    private static final Pattern WORD = Pattern.compile(" ?[^ ]+| +");

    private final HttpServer http;
    private final ConcurrentLinkedQueue<Failure> script = new ConcurrentLinkedQueue<>();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile boolean alwaysFail;
    volatile long delayMillis;

    ScriptedServer(Failure... failures) throws IOException {
        script.addAll(Arrays.asList(failures));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(32));
        http.createContext("/v1/models", this::models);
        http.createContext("/v1/completions", this::completions);
        http.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    private void models(HttpExchange exchange) throws IOException {
        send(exchange, 200, new ModelList(List.of(new ModelCard("m", 0, "tests", 64))).toJson());
    }

    private void completions(HttpExchange exchange) throws IOException {
        posts.incrementAndGet();
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Failure failure = alwaysFail ? new Failure(500, null) : script.poll();
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", failure.retryAfter());
                }
                send(exchange, failure.status(), new ErrorBody("scripted " + failure.status(),
                        ErrorBody.SERVER_ERROR, null, null).toJson());
                return;
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            CompletionRequest request = CompletionRequest.parse(body, new CompletionRequest.Limits(64, 4096, 8, 5));
            List<Choice> choices = new ArrayList<>();
            for (Prompt p : request.prompts()) {
                String text = ((Prompt.Text) p).text();
                choices.add(request.echo() ? new Choice(choices.size(), text, echo(text, request.maxTokens()),
                        Choice.LENGTH, null)
                        : new Choice(choices.size(), "ok", null, Choice.LENGTH, null));
            }
            send(exchange, 200, new CompletionResponse("x", 0, request.model(), choices, new Usage(0, 0)).toJson());
        } catch (Exception e) {
            send(exchange, 400, new ErrorBody(String.valueOf(e.getMessage()), ErrorBody.INVALID_REQUEST, null, null)
                    .toJson());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The echoed prompt's words, and as many generated tokens " gen" as {@code generated}. */
    private static Logprobs echo(String text, int generated) {
        List<String> tokens = new ArrayList<>(List.of(""));
        List<Integer> offsets = new ArrayList<>(List.of(0));
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
            offsets.add(m.start());
        }
        for (int g = 0; g < generated; g++) {
            offsets.add(text.length() + 4 * g);
            tokens.add(" gen");
        }
        List<Double> values = new ArrayList<>();
        List<Map<String, Double>> tops = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            values.add(i == 0 ? null : -(double) i);
            tops.add(i == 0 ? null : Map.of("top", -1.0));
        }
        return new Logprobs(tokens, values, tops, offsets);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
