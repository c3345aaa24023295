import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for any OpenAI-compatible completions server (harness serve, vLLM, TGI), run from another process
 * than the server: {@code java bench/ServeLoad.java URL MODEL [CLIENTS] [SECONDS] [CONTEXT_WORDS]}. Each client sends
 * lm-evaluation-harness-style scoring requests (a context of random words and four options, echo, logprobs=1,
 * max_tokens=0) back to back; prints requests/s, p50/p99 latency and failures. JDK only (no build needed).
 */
public final class ServeLoad {
    private static final String[] WORDS = ("the of and to in is was for on that with as by at from his her it an "
            + "were are which this be or had not first one their has its new after who they have two but been "
            + "other when there all during into school time may years more most only over city some world would "
            + "where later up such used many can state about national out known university united then made")
            .split(" ");
    private static final String[] OPTIONS = {" yes", " no", " maybe", " never"};

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java bench/ServeLoad.java URL MODEL [CLIENTS] [SECONDS] [CONTEXT_WORDS]");
            System.exit(2);
        }
        URI uri = URI.create(args[0].replaceAll("/+$", "") + "/completions");
        String model = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int words = args.length > 4 ? Integer.parseInt(args[4]) : 24;
        Random random = new Random(1);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            StringBuilder context = new StringBuilder("Question:");
            for (int w = 0; w < words; w++) {
                context.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            context.append("? Answer:");
            List<String> prompts = Arrays.stream(OPTIONS).map(o -> "\"" + context + o + "\"").toList();
            bodies.add("{\"model\":\"" + model + "\",\"prompt\":[" + String.join(",", prompts) + "],\"max_tokens\":0,"
                    + "\"echo\":true,\"logprobs\":1,\"temperature\":0}");
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    String body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            latencies.add(System.nanoTime() - sent);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "{\"requests_per_s\": %.2f, \"p50_ms\": %.0f, \"p99_ms\": %.0f, \"failed\": %d, "
                + "\"requests\": %d, \"seconds\": %.1f, \"clients\": %d}%n", sorted.length / elapsed,
                percentile(sorted, 0.5), percentile(sorted, 0.99), failed.get(), sorted.length, elapsed, clients);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))] / 1e6;
    }
}
