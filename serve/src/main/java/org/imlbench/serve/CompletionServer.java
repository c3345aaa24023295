package org.imlbench.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imlbench.api.LanguageModel;
import org.imlbench.openai.protocol.CompletionRequest;
import org.imlbench.openai.protocol.ErrorBody;
import org.imlbench.openai.protocol.ModelCard;
import org.imlbench.openai.protocol.ModelList;
import org.imlbench.openai.protocol.ProtocolException;

/**
 * A loaded model behind the OpenAI-compatible {@code GET /v1/models} and {@code POST /v1/completions} (plus
 * {@code GET /health}), on the JDK's HTTP server.
 *
 * <p>Nothing a client sends ends the server: bodies beyond the limit get 413 before they are read, malformed or
 * ill-typed requests get 400 with an OpenAI-style error naming the parameter, an unknown model 404, a full queue 503
 * with {@code Retry-After}, and a failure of the model 500; every handler catches everything. HTTP requests run on a
 * bounded pool (a connection beyond its queue is closed), and their prompts are batched by one {@link Batcher}.
 */
public final class CompletionServer implements AutoCloseable {
    /** Requests that may wait for an HTTP thread; beyond, the connection is closed. */
    private static final int HTTP_QUEUE = 1024;
    /** Seconds in-flight requests get to finish on {@link #close()}. */
    private static final int GRACE_SECONDS = 10;

    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final Batcher batcher;
    private final CompletionService service;
    private final ServeSettings settings;
    private final LanguageModel model;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;

    private CompletionServer(HttpServer http, ThreadPoolExecutor executor, Batcher batcher, LanguageModel model,
                             ServeSettings settings) {
        this.http = http;
        this.executor = executor;
        this.batcher = batcher;
        this.model = model;
        this.settings = settings;
        this.service = new CompletionService(model, batcher, settings.servedName());
    }

    /**
     * Starts serving a model. The caller keeps owning the model and closes it after the server.
     *
     * @param model the loaded model
     * @param settings where to listen and what to accept
     * @return the running server
     * @throws IOException when the address cannot be bound
     */
    public static CompletionServer start(LanguageModel model, ServeSettings settings) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(settings.httpThreads(), settings.httpThreads(), 60,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(HTTP_QUEUE), r -> {
                    Thread t = new Thread(r, "imlbench-serve-http-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        HttpServer http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        Batcher batcher = new Batcher(model, settings.maxBatch(), settings.maxQueued());
        CompletionServer server = new CompletionServer(http, executor, batcher, model, settings);
        http.setExecutor(executor);
        http.createContext("/", server::handle);
        http.start();
        return server;
    }

    /** @return the base URL clients use, e.g. {@code http://127.0.0.1:8000/v1} */
    public URI baseUrl() {
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/v1");
    }

    /**
     * @return how many backend calls served how many prompts so far, and the nanoseconds they took:
     *         {batches, prompts, busy nanoseconds}
     */
    public long[] batchCounts() {
        return new long[] {batcher.batches(), batcher.prompts(), batcher.busyNanos()};
    }

    private void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        try (exchange) {
            try {
                if (closing) {
                    throw new ServeException(503, new ErrorBody("the server is shutting down", ErrorBody.OVERLOADED,
                            null, null));
                }
                route(exchange);
            } catch (ServeException e) {
                send(exchange, e.status(), e.body().toJson());
            } catch (Throwable e) {
                send(exchange, 500, internalError(e));
            }
        } catch (Throwable e) {
            // the client went away while we answered, or not even an error body could be built: nothing left to
            // tell anyone, and the thread must live on
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The body of a 500; a fixed one when even that cannot be built (the failure may be in the JSON library). */
    private static byte[] internalError(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        try {
            return new ErrorBody("internal error: " + message, ErrorBody.SERVER_ERROR, null, null).toJson();
        } catch (Throwable again) {
            return ("{\"error\":{\"message\":\"internal error\",\"type\":\"server_error\",\"param\":null,"
                    + "\"code\":null}}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private void route(HttpExchange exchange) throws IOException, ServeException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/v1/completions", "/v1/completions/" -> {
                requireMethod(method, "POST");
                byte[] body = readBody(exchange);
                CompletionRequest request;
                try {
                    request = CompletionRequest.parse(body, new CompletionRequest.Limits(settings.maxPrompts(),
                            settings.maxTokens(), 64, 1));
                } catch (ProtocolException e) {
                    throw ServeException.badRequest(e.param(), e.getMessage());
                }
                send(exchange, 200, service.complete(request).toJson());
            }
            case "/v1/models", "/v1/models/" -> {
                requireMethod(method, "GET");
                int maxLength = model.tokens().map(v -> v.maxLength()).orElse(0);
                send(exchange, 200, new ModelList(List.of(new ModelCard(settings.servedName(),
                        System.currentTimeMillis() / 1000, "imlbench-" + model.info().backend(), maxLength)))
                        .toJson());
            }
            case "/health" -> {
                requireMethod(method, "GET");
                send(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8));
            }
            default -> throw new ServeException(404, new ErrorBody("no such endpoint: " + method + " " + path
                    + " (this server has GET /v1/models and POST /v1/completions)", ErrorBody.NOT_FOUND, null,
                    null));
        }
    }

    private static void requireMethod(String method, String expected) throws ServeException {
        if (!method.equals(expected)) {
            throw new ServeException(405, new ErrorBody(method + " is not allowed here; use " + expected,
                    ErrorBody.INVALID_REQUEST, null, null));
        }
    }

    /** Reads the body up to the limit: a declared or actual size beyond it is refused before it is buffered. */
    private byte[] readBody(HttpExchange exchange) throws IOException, ServeException {
        long limit = settings.maxBodyBytes();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw ServeException.badRequest(null, "Content-Length is not a number: " + declared);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (body.size() + (long) n > limit) {
                    throw tooLarge(limit);
                }
                body.write(chunk, 0, n);
            }
        }
        return body.toByteArray();
    }

    private static ServeException tooLarge(long limit) {
        return new ServeException(413, new ErrorBody("the request body exceeds this server's limit of " + limit
                + " bytes (harness serve --max-body-mb)", ErrorBody.INVALID_REQUEST, null, "request_too_large"));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        if (status == 413) {
            // the rest of the body is never read: the connection cannot be reused
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Stops: new requests get 503, in-flight ones get up to {@value #GRACE_SECONDS} s to finish, then the listener,
     * the batcher and the HTTP threads stop. The model stays open (its owner closes it).
     */
    @Override
    public void close() {
        closing = true;
        // HttpServer.stop(delay) of JDK 17 waits the whole delay even when nothing is running: wait here instead
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop(0);
        batcher.close();
        executor.shutdownNow();
    }
}
