package org.imlbench.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.TokenView;
import org.imlbench.openai.protocol.CompletionRequest;
import org.imlbench.openai.protocol.CompletionResponse;
import org.imlbench.openai.protocol.ProtocolException;

/**
 * {@code harness bench --serving}: the throughput and latency of {@link CompletionServer} under many concurrent
 * clients on loopback, next to the same model doing the same work in-process, in one run.
 *
 * <p>The server is measured in several windows, each followed by an in-process window half as long (the clients
 * wait meanwhile and nothing is in flight), so that the load of a shared machine weighs on both alike. The workload
 * is lm-evaluation-harness's multiple choice as its {@code local-completions} sends it: each request
 * holds one prompt per option (a context of random words followed by the option), with {@code echo},
 * {@code logprobs=1} and {@code max_tokens=0}. The in-process baseline hands exactly these prompts to the model's
 * {@link TokenView#logProbs} in groups of {@code maxBatch} (what the server's dispatcher does when it is saturated);
 * a second line scores the same instances with the model's own {@link LanguageModel#score}, which runs each context
 * once for all its options and is what {@code harness eval} uses in-process.
 */
public final class ServingBench {
    private static final String[] WORDS = ("the of and to in is was for on that with as by at from his her it an "
            + "were are which this be or had not first one their has its new after who they have two but been "
            + "other when there all during into school time may years more most only over city some world would "
            + "where later up such used many can state about national out known university united then made")
            .split(" ");
    private static final String[] OPTIONS = {" yes", " no", " maybe", " never"};

    /**
     * How to run.
     *
     * @param clients concurrent HTTP clients
     * @param duration how long the server is measured in all; the in-process baselines get half of it each
     * @param rounds server windows, each followed by an in-process window (a shared machine's changing load then
     *               weighs on both alike)
     * @param contextWords words per context
     * @param maxBatch the server's prompts per backend call, and the in-process group size
     * @param seed the seed of the random contexts
     */
    public record Settings(int clients, Duration duration, int rounds, int contextWords, int maxBatch, long seed) {
    }

    /**
     * One measurement.
     *
     * @param requests requests (instances) answered
     * @param failed requests that did not get HTTP 200 (or threw)
     * @param seconds how long it took
     * @param promptTokens prompt tokens processed
     * @param p50Millis median latency (0 in-process)
     * @param p99Millis 99th-percentile latency (0 in-process)
     */
    public record Figures(long requests, long failed, double seconds, long promptTokens, double p50Millis,
                          double p99Millis) {
        /** @return instances per second */
        public double requestsPerSecond() {
            return requests / seconds;
        }

        /** @return prompt tokens per second */
        public double tokensPerSecond() {
            return promptTokens / seconds;
        }
    }

    /**
     * All three measurements.
     *
     * @param served through the server
     * @param inProcess the same prompts through the model's token log-probabilities, in-process
     * @param inProcessScore the same instances through the model's own scoring (context reuse), in-process
     */
    public record Result(Figures served, Figures inProcess, Figures inProcessScore) {
    }

    private ServingBench() {
    }

    /**
     * @param model a loaded model with a token-level view
     * @param settings how to run
     * @param log progress lines
     * @return the figures
     * @throws IOException when the server cannot start or the model fails in-process
     */
    public static Result run(LanguageModel model, Settings settings, PrintStream log) throws IOException {
        TokenView view = model.tokens().orElseThrow(() -> new IllegalArgumentException("backend "
                + model.info().backend() + " does not expose its tokens: it cannot be served with logprobs"));
        List<List<String>> instances = instances(settings, view);
        List<String> contexts = new ArrayList<>();
        instances.forEach(p -> contexts.add(p.get(0).substring(0, p.get(0).length() - OPTIONS[0].length())));

        log.printf("%d-word contexts, %d options each; %d clients; %d s of serving in %d windows, each followed by "
                + "a half as long in-process window%n", settings.contextWords(), OPTIONS.length, settings.clients(),
                settings.duration().toSeconds(), settings.rounds());
        Figures[] inProcess = {new Figures(0, 0, 0, 0, 0, 0)};
        Duration window = settings.duration().dividedBy(settings.rounds());
        Figures served = served(model, instances, settings, window, () -> {
            Figures f = onOwnThread(() -> inProcess(view, instances, settings, window.dividedBy(2)));
            log.printf(Locale.ROOT, "in-process window: %d requests in %.2f s%n", f.requests(), f.seconds());
            Figures sum = inProcess[0];
            inProcess[0] = new Figures(sum.requests() + f.requests(), 0, sum.seconds() + f.seconds(),
                    sum.promptTokens() + f.promptTokens(), 0, 0);
        }, log);
        log.printf(Locale.ROOT, "in-process, the same prompts: %.1f requests/s%n", inProcess[0].requestsPerSecond());
        Figures scored = onOwnThread(() -> inProcessScore(model, contexts, settings, window.dividedBy(2)
                .multipliedBy(settings.rounds()), log));
        return new Result(served, inProcess[0], scored);
    }

    /** A measurement that may fail. */
    @FunctionalInterface
    private interface Measurement {
        Figures run() throws IOException;
    }

    /**
     * Runs a measurement on a fresh thread, as the server's dispatcher runs the model: an engine's per-thread
     * settings (OpenMP's thread count is one) then match, and the comparison measures the server, not a thread.
     */
    private static Figures onOwnThread(Measurement measurement) throws IOException {
        Figures[] result = new Figures[1];
        IOException[] failure = new IOException[1];
        Thread t = new Thread(() -> {
            try {
                result[0] = measurement.run();
            } catch (IOException e) {
                failure[0] = e;
            }
        }, "bench-in-process");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        if (result[0] == null) {
            throw new IOException("the in-process measurement failed");
        }
        return result[0];
    }

    private static List<List<String>> instances(Settings settings, TokenView view) {
        Random random = new Random(settings.seed());
        List<List<String>> out = new ArrayList<>();
        String longest = Arrays.stream(OPTIONS).max((a, b) -> Integer.compare(a.length(), b.length())).orElseThrow();
        for (int i = 0; i < 256; i++) {
            // as many words as fit the model's window with the longest option
            String context = context(random, settings.contextWords());
            for (int words = settings.contextWords() - 1; words > 0
                    && view.encode(context + longest).size() > view.maxLength(); words--) {
                context = context(random, words);
            }
            String chosen = context;
            out.add(Arrays.stream(OPTIONS).map(o -> chosen + o).toList());
        }
        return out;
    }

    private static String context(Random random, int words) {
        StringBuilder b = new StringBuilder("Question:");
        for (int w = 0; w < words; w++) {
            b.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.append("? Answer:").toString();
    }

    private static Figures inProcess(TokenView view, List<List<String>> instances, Settings settings,
                                     Duration duration) throws IOException {
        List<List<Integer>> prompts = new ArrayList<>();
        for (List<String> instance : instances) {
            instance.forEach(p -> prompts.add(view.encode(p)));
        }
        int perGroup = Math.max(OPTIONS.length, settings.maxBatch() / OPTIONS.length * OPTIONS.length);
        view.logProbs(prompts.subList(0, perGroup), ProgressListener.NONE); // warm-up
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long done = 0;
        long tokens = 0;
        int next = 0;
        while (System.nanoTime() < deadline) {
            List<List<Integer>> group = new ArrayList<>();
            for (int k = 0; k < perGroup; k++) {
                group.add(prompts.get((next + k) % prompts.size()));
            }
            next = (next + perGroup) % prompts.size();
            view.logProbs(group, ProgressListener.NONE);
            done += perGroup / OPTIONS.length;
            tokens += group.stream().mapToInt(List::size).sum();
        }
        return new Figures(done, 0, (System.nanoTime() - start) / 1e9, tokens, 0, 0);
    }

    private static Figures inProcessScore(LanguageModel model, List<String> contexts, Settings settings,
                                          Duration duration, PrintStream log) throws IOException {
        List<ScoreRequest> requests = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            requests.add(new ScoreRequest("bench", Integer.toString(i), contexts.get(i), List.of(OPTIONS)));
        }
        int perGroup = Math.max(1, settings.maxBatch() / OPTIONS.length);
        model.score(requests.subList(0, perGroup), ProgressListener.NONE); // warm-up
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long done = 0;
        int next = 0;
        while (System.nanoTime() < deadline) {
            List<ScoreRequest> group = new ArrayList<>();
            for (int k = 0; k < perGroup; k++) {
                group.add(requests.get((next + k) % requests.size()));
            }
            next = (next + perGroup) % requests.size();
            model.score(group, ProgressListener.NONE);
            done += group.size();
        }
        Figures f = new Figures(done, 0, (System.nanoTime() - start) / 1e9, 0, 0, 0);
        log.printf(Locale.ROOT, "in-process, the model's own scoring: %.1f requests/s%n", f.requestsPerSecond());
        return f;
    }

    /** Work run between two server windows, while no request is in flight. */
    @FunctionalInterface
    private interface Pause {
        void run() throws IOException;
    }

    private static Figures served(LanguageModel model, List<List<String>> instances, Settings settings,
                                  Duration window, Pause between, PrintStream log) throws IOException {
        ServeSettings d = ServeSettings.defaults("bench", 0);
        ServeSettings serve = new ServeSettings(d.host(), 0, "bench", settings.maxBatch(), d.maxQueued(),
                Math.max(d.httpThreads(), settings.clients() + 8), d.maxBodyBytes(), d.maxPrompts(), d.maxTokens());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<byte[]> bodies = instances.stream().map(p -> CompletionRequest.echoScoring("bench", p).toJson())
                .toList();
        try (CompletionServer server = CompletionServer.start(model, serve)) {
            URI uri = URI.create(server.baseUrl() + "/completions");
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong failed = new AtomicLong();
            AtomicLong tokens = new AtomicLong();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger inFlight = new AtomicInteger();
            Gate open = new Gate();
            AtomicBoolean finished = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < settings.clients(); c++) {
                Thread t = new Thread(() -> {
                    while (!finished.get()) {
                        // counted before looking at the gate, so that a closing window waits for this request
                        inFlight.incrementAndGet();
                        if (!open.isOpen()) {
                            inFlight.decrementAndGet();
                            if (!open.await()) {
                                return;
                            }
                            continue;
                        }
                        try {
                            byte[] body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
                            long sent = System.nanoTime();
                            HttpResponse<byte[]> response = send(client, uri, body);
                            if (response.statusCode() != 200) {
                                failed.incrementAndGet();
                                continue;
                            }
                            tokens.addAndGet(CompletionResponse.parse(response.body()).usage().promptTokens());
                            latencies.add(System.nanoTime() - sent);
                        } catch (IOException | ProtocolException | RuntimeException e) {
                            failed.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    }
                }, "bench-client-" + c);
                t.setDaemon(true);
                t.start();
                clients.add(t);
            }
            // warm-up, not counted: the JIT compiles the HTTP and JSON paths, the heap grows to its working size
            open.set(true);
            pause(Math.max(10_000, window.dividedBy(4).toMillis()));
            close(open, inFlight);
            latencies.clear();
            failed.set(0);
            tokens.set(0);
            double seconds = 0;
            long busyBefore = server.batchCounts()[2];
            for (int round = 0; round < settings.rounds(); round++) {
                long start = System.nanoTime();
                open.set(true);
                pause(window.toMillis());
                close(open, inFlight);
                seconds += (System.nanoTime() - start) / 1e9;
                between.run();
            }
            finished.set(true);
            open.open();
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            Figures f = new Figures(sorted.length, failed.get(), seconds, tokens.get(), percentile(sorted, 0.50),
                    percentile(sorted, 0.99));
            long[] batches = server.batchCounts();
            log.printf(Locale.ROOT, "served: %.1f requests/s, p50 %.0f ms, p99 %.0f ms, %d failed; %.1f prompts per "
                    + "backend call, the backend busy %.0f%% of the time%n", f.requestsPerSecond(), f.p50Millis(),
                    f.p99Millis(), f.failed(), batches[0] == 0 ? 0.0 : (double) batches[1] / batches[0],
                    100 * (batches[2] - busyBefore) / 1e9 / seconds);
            return f;
        }
    }

    /**
     * Lets the clients send or holds them, blocked: clients that spun while held would take CPU from the
     * in-process windows (and, with the kernel's autogroup scheduling, change the process's share of the machine).
     */
    private static final class Gate {
        private boolean open;

        synchronized boolean isOpen() {
            return open;
        }

        synchronized void set(boolean value) {
            open = value;
            notifyAll();
        }

        void open() {
            set(true);
        }

        /** @return false when interrupted */
        synchronized boolean await() {
            while (!open) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Stops new requests and waits until none is in flight (a window ends when its last answer arrives). */
    private static void close(Gate open, AtomicInteger inFlight) {
        open.set(false);
        while (inFlight.get() > 0) {
            pause(2);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<byte[]> send(HttpClient client, URI uri, byte[] body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static double percentile(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
