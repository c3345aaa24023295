package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.TrainingExample;
import org.imlbench.api.TrainingExamples;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.TuningProgress;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.api.UsageException;
import org.imlbench.harness.plugins.DeclaredOptions;
import org.imlbench.harness.run.BenchmarkPlan;
import org.imlbench.harness.run.ConsoleProgress;
import org.imlbench.harness.run.EvaluationOptions;
import org.imlbench.harness.run.RunConfig;
import org.imlbench.harness.run.RunOptions;
import org.imlbench.harness.run.TuningOptions;
import org.imlbench.harness.store.TrainingExampleStore;
import org.imlbench.rundir.RunMode;

/**
 * {@code harness tune}: instruction-tunes a model through its backend on the training split (the tasks of the
 * split spec's training categories, rendered by the prompt format) or on a JSONL file of examples, and writes the
 * tuned checkpoint, its resumable state and its loss curve to {@code --out}.
 */
@Parameters(commandNames = TuneCommand.NAME, commandDescription = "Instruction-tune a model on the training split "
        + "(or on --examples FILE.jsonl) and write the tuned checkpoint to --out DIR/model, with resumable state and "
        + "the loss curve (loss.png). With no options: synthetic tasks, the embedded model, CPU.")
public final class TuneCommand implements CliCommand {
    static final String NAME = "tune";

    @ParametersDelegate
    private RunOptions options = new RunOptions();
    @ParametersDelegate
    private TuningOptions tuning = new TuningOptions();
    @Parameter(names = "--out", description = "Output directory (tuned model in DIR/model)", required = true)
    private String out;
    @Parameter(names = "--resume", description = "Continue the interrupted run whose state is in --out")
    private boolean resume;
    @Parameter(names = "--examples", description = "Tune on this JSONL file of {\"task\", \"source\", \"target\"} "
            + "objects instead of the training split")
    private String examples;
    @Parameter(names = "--quiet", description = "No progress bar")
    private boolean quiet;

    /** Creates the command; JCommander fills its options. */
    public TuneCommand() {
        // fields are set by JCommander
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(CliContext context) throws Exception {
        RunConfig draft = options.resolve(context.plugins(), RunMode.RUN, null, null, null, EvaluationOptions.none());
        TuningConfig recipe = tuning.resolve(null, RunOptions.EMBEDDED_MODEL.equals(draft.model()), draft.seed());
        RunConfig config = options.resolve(context.plugins(), RunMode.RUN, null, null, recipe,
                EvaluationOptions.none());
        ModelBackend backend = context.plugins().get(ModelBackend.class, config.backend());
        if (!backend.canTune()) {
            throw new UsageException("backend '" + config.backend() + "' cannot tune models");
        }
        ModelRequest model = new ModelRequest(config.model(), config.device(),
                DeclaredOptions.forBackends(config.backendOptions(), List.of(backend)));
        Path outDir = context.workDir().resolve(out);
        ConsoleProgress progress = new ConsoleProgress(context.err(), !quiet);
        if (examples != null) {
            return tune(context, backend, model, readExamples(context.workDir().resolve(examples)), recipe, outDir,
                    progress);
        }
        // the training split as harness run builds it: task sources, split spec, prompt format
        try (BenchmarkPlan plan = BenchmarkPlan.prepare(context.plugins(), context.workDir(),
                new BenchmarkPlan.Request(config.tasks(), config.taskOptions(), config.splitSpec(), config.seed(),
                        config.skipBadTasks(), false, config.format(), config.shots()))) {
            plan.load(progress).cut();
            plan.loaded().problems().forEach(p -> context.err().println("skipped " + p));
            if (plan.trainingExampleCount() == 0) {
                throw new UsageException("no training examples: the split spec holds every category out");
            }
            // rendered once into --out, read by the backend on demand; --resume reuses a complete rendering
            try (TrainingExampleStore store = plan.trainingExamples(outDir.resolve("examples"), resume)) {
                return tune(context, backend, model, store, recipe, outDir, progress);
            }
        }
    }

    private int tune(CliContext context, ModelBackend backend, ModelRequest model, TrainingExamples training,
                     TuningConfig recipe, Path outDir, ConsoleProgress progress) throws IOException {
        context.err().printf("tuning %s on %d examples for %d steps (batch %d, lr %.1e, warm-up %d) into %s%n",
                model.model(), training.size(), recipe.steps(), recipe.batchSize(), recipe.learningRate(),
                recipe.warmupSteps(), outDir);
        TuningRequest request = new TuningRequest(model, outDir, training, recipe, resume);
        TuningResult result;
        try (ConsoleProgress.Bar bar = progress.start("tuning", recipe.steps(), "step")) {
            result = backend.tune(request, (TuningProgress p) -> {
                bar.stepTo(p.step());
                bar.message(String.format("loss %.4f lr %.2e %.0f tok/s", p.loss(), p.learningRate(),
                        p.tokensPerSecond()));
            });
        }
        List<TuningProgress> curve = result.lossCurve();
        if (!curve.isEmpty()) {
            context.out().printf("loss %.4f -> %.4f over %d steps, %d tokens, %.1f s%n", curve.get(0).loss(),
                    curve.get(curve.size() - 1).loss(), curve.size(), result.tokens(), result.seconds());
        }
        context.out().println("tuned model: " + result.checkpoint());
        return 0;
    }

    /**
     * A user's examples file, read line by line. The examples are held in memory, grouped by task (a file written by
     * hand is small; the training split of the task sources goes to a file-backed store instead).
     */
    private static TrainingExamples readExamples(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<TrainingExample> out = new ArrayList<>();
        int number = 0;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IOException(file + ":" + number + ": not a JSON object: " + e.getOriginalMessage(), e);
                }
                for (String key : List.of("task", "source", "target")) {
                    if (node == null || !node.path(key).isTextual()) {
                        throw new IOException(file + ":" + number + ": \"" + key + "\" is missing or not a string");
                    }
                }
                out.add(new TrainingExample(node.get("task").asText(), node.get("source").asText(),
                        node.get("target").asText()));
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--examples " + file + ": no examples");
        }
        return TrainingExamples.of(out);
    }
}
