package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imlbench.api.BenchmarkFigure;
import org.imlbench.api.BenchmarkSettings;
import org.imlbench.api.BenchmarkWorkloads;
import org.imlbench.api.DeviceSelection;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.UsageException;
import org.imlbench.harness.plugins.DeclaredOptions;
import org.imlbench.serve.ServingBench;

/**
 * {@code harness bench}: a backend's own speed workloads ({@link ModelBackend#benchmark()}; the djl backend's run on
 * an OPT-125m-shaped random checkpoint), optionally side by side with an external baseline command that prints the
 * same keys as one JSON object on its last stdout line.
 */
@Parameters(commandNames = BenchCommand.NAME, commandDescription = "Measure a backend's scoring, multiple-choice, "
        + "generation speed and peak memory (djl: on an OPT-125m-shaped random checkpoint written to a temporary "
        + "directory).")
public final class BenchCommand implements CliCommand {
    static final String NAME = "bench";

    /** --backend (whose workloads run), and with --serving the model it loads: --model, --device, --backend-option. */
    @ParametersDelegate
    private final ModelSelection selection = new ModelSelection();
    @Parameter(names = "--threads", description = "Intra-op threads. Default: 2")
    private int threads = 2;
    @Parameter(names = "--repeats", description = "Timed runs per workload after one warm-up (the best is "
            + "reported). Default: 3")
    private int repeats = 3;
    @Parameter(names = "--seed", description = "Seed of the random weights and tokens. Default: 1")
    private long seed = 1;
    @Parameter(names = "--baseline-command", description = "A shell command run afterwards whose last stdout line "
            + "is a JSON object of the same keys, e.g. 'python3 bench/pytorch_eager.py'")
    private String baselineCommand;
    @Parameter(names = "--json", description = "Print JSON instead of a table")
    private boolean json;
    @Parameter(names = "--serving", description = "Instead: harness serve's throughput and latency under "
            + "--clients concurrent clients on loopback, next to the same work in-process (needs --model)")
    private boolean serving;
    @Parameter(names = "--clients", description = "With --serving: concurrent clients. Default: 64")
    private int clients = 64;
    @Parameter(names = "--seconds", description = "With --serving: seconds of serving in all (the in-process "
            + "baselines get half as long each). Default: 60")
    private int seconds = 60;
    @Parameter(names = "--rounds", description = "With --serving: server windows, each followed by an in-process "
            + "one, so that a shared machine's load weighs on both alike. Default: 6")
    private int rounds = 6;
    @Parameter(names = "--context-words", description = "With --serving: words per context (fewer when the "
            + "model's window needs it). Default: 24")
    private int contextWords = 24;
    @Parameter(names = "--max-batch", description = "With --serving: prompts per backend call, in the server and "
            + "in-process. Default: 64")
    private int maxBatch = 64;

    /** Creates the command; JCommander fills its options. */
    public BenchCommand() {
        // fields are set by JCommander
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(CliContext context) throws Exception {
        UsageException.requireAtLeast("--threads", threads, 1);
        UsageException.requireAtLeast("--repeats", repeats, 1);
        if (serving) {
            return serving(context);
        }
        ModelBackend plugin = context.plugins().get(ModelBackend.class, selection.backend);
        // the backend's own workloads load no model: model options would be ignored, so they are refused (after the
        // same checks as everywhere, so that a misspelt key is named with the known ones)
        DeclaredOptions.forBackends(selection.backendOptions, List.of(plugin));
        List<String> modelOptions = new ArrayList<>();
        if (selection.model != null) {
            modelOptions.add("--model");
        }
        if (!selection.device.equals(ModelSelection.DEFAULT_DEVICE)) {
            DeviceSelection.parse(selection.device);
            modelOptions.add("--device");
        }
        if (!selection.backendOptions.isEmpty()) {
            modelOptions.add("--backend-option");
        }
        if (!modelOptions.isEmpty()) {
            throw new UsageException(String.join(", ", modelOptions) + ": only with --serving (the backend's own "
                    + "workloads load no model)");
        }
        BenchmarkWorkloads workloads = plugin.benchmark().orElseThrow(() -> new UsageException("backend '"
                + selection.backend + "' has no benchmark workloads"));
        List<BenchmarkFigure> results = workloads.run(new BenchmarkSettings(threads, repeats, seed,
                Path.of(System.getProperty("java.io.tmpdir"))), context.err());
        Map<String, Double> baseline = baselineCommand == null ? Map.of() : runBaseline(context);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            Map<String, Double> figures = new LinkedHashMap<>();
            results.forEach(r -> figures.put(r.key(), r.value()));
            doc.put("imlbench", figures);
            if (baselineCommand != null) {
                doc.put("baseline_command", baselineCommand);
                doc.put("baseline", baseline);
            }
            context.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(doc));
            return Main.OK;
        }
        String ours = "IMLBENCH (" + selection.backend.toUpperCase(Locale.ROOT) + ")";
        List<String> columns = baselineCommand == null ? List.of("WORKLOAD", ours, "UNIT")
                : List.of("WORKLOAD", ours, "BASELINE", "RATIO", "UNIT");
        List<List<String>> rows = new ArrayList<>();
        for (BenchmarkFigure r : results) {
            List<String> row = new ArrayList<>(List.of(r.workload(), format(r.value())));
            if (baselineCommand != null) {
                Double b = baseline.get(r.key());
                row.add(b == null ? "-" : format(b));
                row.add(b == null || b == 0 || r.unit().equals("x") ? "-" : String.format("%.2fx", r.value() / b));
            }
            row.add(r.unit());
            rows.add(row);
        }
        context.out().print(new TextTable(columns, rows).render());
        return Main.OK;
    }

    private int serving(CliContext context) throws Exception {
        UsageException.requireAtLeast("--clients", clients, 1);
        UsageException.requireAtLeast("--seconds", seconds, 1);
        UsageException.requireAtLeast("--rounds", rounds, 1);
        UsageException.requireAtLeast("--context-words", contextWords, 1);
        UsageException.requireAtLeast("--max-batch", maxBatch, 1);
        ServingBench.Result result;
        try (LanguageModel loaded = selection.load(context)) {
            result = ServingBench.run(loaded, new ServingBench.Settings(clients, Duration.ofSeconds(seconds),
                    rounds, contextWords, maxBatch, seed), context.err());
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(servingRow("harness serve, " + clients + " clients", result.served(), result.inProcess()));
        rows.add(servingRow("in-process, the same prompts (token log-probabilities)", result.inProcess(),
                result.inProcess()));
        rows.add(servingRow("in-process, the model's own scoring (context reuse)", result.inProcessScore(),
                result.inProcess()));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("served", result.served());
            doc.put("in_process", result.inProcess());
            doc.put("in_process_score", result.inProcessScore());
            doc.put("served_over_in_process", result.served().requestsPerSecond()
                    / result.inProcess().requestsPerSecond());
            context.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(doc));
        } else {
            context.out().print(new TextTable(List.of("WORKLOAD", "REQUESTS/S", "PROMPT TOKENS/S", "P50 MS", "P99 MS",
                    "FAILED", "VS IN-PROCESS"), rows).render());
        }
        return result.served().failed() == 0 ? Main.OK : Main.FAILURE;
    }

    private static List<String> servingRow(String name, ServingBench.Figures f, ServingBench.Figures baseline) {
        boolean timed = f.p50Millis() > 0;
        return List.of(name, format(f.requestsPerSecond()), f.promptTokens() == 0 ? "-"
                : format(f.tokensPerSecond()), timed ? format(f.p50Millis()) : "-", timed ? format(f.p99Millis())
                : "-", Long.toString(f.failed()), String.format(Locale.ROOT, "%.2fx",
                f.requestsPerSecond() / baseline.requestsPerSecond()));
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "n/a" : v >= 100 ? String.format("%.0f", v) : String.format("%.2f", v);
    }

    private Map<String, Double> runBaseline(CliContext context) throws IOException, InterruptedException {
        context.err().println("running baseline: " + baselineCommand);
        Process process = new ProcessBuilder("sh", "-c", baselineCommand)
                .directory(context.workDir().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close();
        String stdout = readAll(process.getInputStream());
        int code = process.waitFor();
        if (code != 0) {
            throw new IOException("baseline command exited with " + code + ": " + baselineCommand);
        }
        String last = null;
        for (String line : stdout.split("\n")) {
            if (line.trim().startsWith("{")) {
                last = line.trim();
            }
        }
        if (last == null) {
            throw new IOException("baseline command printed no JSON object line: " + baselineCommand);
        }
        JsonNode node = new ObjectMapper().readTree(last);
        Map<String, Double> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                values.put(e.getKey(), e.getValue().asDouble());
            }
        });
        return values;
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
