package org.imlbench.djl.bench;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.imlbench.api.BenchmarkFigure;
import org.imlbench.api.BenchmarkSettings;
import org.imlbench.api.BenchmarkWorkloads;
import org.imlbench.djl.inference.GenerationPrompt;
import org.imlbench.djl.inference.Generator;
import org.imlbench.djl.inference.ScoreUnit;
import org.imlbench.djl.inference.Scorer;
import org.imlbench.djl.model.DjlEngine;
import org.imlbench.djl.model.OptModel;
import org.imlbench.djl.tuning.TrainingBench;
import org.imlbench.files.FileTrees;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.CheckpointWriter;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.hf.embedded.RandomCheckpoint;

/**
 * The {@code djl} backend's {@code harness bench} workloads: writes an OPT-125m-shaped random checkpoint in Hugging
 * Face layout, loads it back like a real model, and measures scoring, multiple-choice scoring (with context reuse,
 * and per option as lm-evaluation-harness does it), greedy generation and peak memory. Each figure is the best of
 * {@code repeats} timed runs after one warm-up run.
 */
public final class Bench implements BenchmarkWorkloads {
    /** Sequences per scoring batch. */
    public static final int SCORE_BATCH = 8;
    /** Tokens per scored sequence. */
    public static final int SCORE_LENGTH = 256;
    /** Multiple-choice instances per run. */
    public static final int MC_INSTANCES = 8;
    /** Context tokens of a multiple-choice instance. */
    public static final int MC_CONTEXT = 256;
    /** Options per instance. */
    public static final int MC_OPTIONS = 4;
    /** The longest option. */
    public static final int MC_MAX_OPTION = 8;
    /** Prompt tokens for generation. */
    public static final int GEN_PROMPT = 32;
    /** New tokens per generated sequence. */
    public static final int GEN_NEW = 64;

    /** Needed by the backend, which hands it out as its workloads. */
    public Bench() {
    }

    /** @return the OPT-125m architecture (vocab 50272, hidden 768, 12 layers of 12 heads, FFN 3072) */
    public static OptConfig opt125m() {
        return new OptConfig(50272, 768, 12, 12, 3072, 2048, 768, true, "relu", 0.1, 0.0, true, true, 1, 2, 2,
                "float32");
    }

    @Override
    public List<BenchmarkFigure> run(BenchmarkSettings settings, PrintStream log) throws IOException {
        DjlEngine.start(settings.threads());
        Path dir = Files.createTempDirectory(settings.workDir(), "imlbench-bench-");
        Path checkpointDir = dir.resolve("opt-125m-random");
        try {
            log.println("writing an OPT-125m-shaped random checkpoint to " + checkpointDir);
            RandomCheckpoint.write(opt125m(), settings.seed(), checkpointDir, new CheckpointWriter(opt125m()));
            OptModel loaded;
            try (Checkpoint checkpoint = Checkpoints.open(checkpointDir)) {
                loaded = OptModel.load(checkpoint, Device.cpu(), DataType.FLOAT32);
            }
            List<BenchmarkFigure> results;
            try (OptModel model = loaded) {
                results = new ArrayList<>(measure(model, settings, log));
            }
            // Training last, with the inference model closed: it turns on gradients and holds optimizer state.
            TrainingBench.Result training = TrainingBench.run(
                    opt125m(), settings.repeats(), settings.seed(), log);
            results.add(new BenchmarkFigure("training_tokens_per_s", TrainingBench.workload(),
                    training.tokensPerSecond(), "tokens/s"));
            results.add(new BenchmarkFigure("peak_rss_mib", "peak memory (VmHWM)", PeakMemory.peakRssMib(), "MiB"));
            return results;
        } finally {
            FileTrees.deleteTree(dir);
        }
    }

    private static List<BenchmarkFigure> measure(OptModel model, BenchmarkSettings s, PrintStream log) {
        Random random = new Random(s.seed());
        int vocab = model.config().vocabSize();
        NumberedVocabulary vocabulary = new NumberedVocabulary(vocab);
        List<BenchmarkFigure> results = new ArrayList<>();

        List<ScoreUnit> scoring = new ArrayList<>();
        for (int i = 0; i < SCORE_BATCH; i++) {
            int[] seq = tokens(random, SCORE_LENGTH, vocab);
            scoring.add(new ScoreUnit(new int[] {seq[0]}, List.of(Arrays.copyOfRange(seq, 1, seq.length))));
        }
        Scorer scorer = new Scorer(model, SCORE_BATCH, vocabulary.padId());
        double scoreSeconds = time(s, log, "scoring " + SCORE_BATCH + " x " + SCORE_LENGTH,
                () -> scorer.score(scoring, i -> { }));
        results.add(new BenchmarkFigure("scoring_tokens_per_s", "scoring, batch " + SCORE_BATCH + " x " + SCORE_LENGTH,
                SCORE_BATCH * SCORE_LENGTH / scoreSeconds, "tokens/s"));

        List<ScoreUnit> mc = new ArrayList<>();
        List<int[]> separate = new ArrayList<>();
        List<Integer> optionLengths = new ArrayList<>();
        for (int i = 0; i < MC_INSTANCES; i++) {
            int[] context = tokens(random, MC_CONTEXT, vocab);
            List<int[]> options = new ArrayList<>();
            for (int k = 0; k < MC_OPTIONS; k++) {
                int[] option = tokens(random, 1 + random.nextInt(MC_MAX_OPTION), vocab);
                options.add(option);
                int[] joined = Arrays.copyOf(context, context.length + option.length);
                System.arraycopy(option, 0, joined, context.length, option.length);
                separate.add(joined);
                optionLengths.add(option.length);
            }
            mc.add(new ScoreUnit(context, options));
        }
        double mcSeconds = time(s, log, "multiple choice, context reuse", () -> scorer.score(mc, i -> { }));
        results.add(new BenchmarkFigure("mc_shared_instances_per_s", "multiple choice, context reuse (" + MC_CONTEXT
                + "-token contexts, " + MC_OPTIONS + " options <= " + MC_MAX_OPTION + " tokens)",
                MC_INSTANCES / mcSeconds, "instances/s"));
        int[] lengths = optionLengths.stream().mapToInt(Integer::intValue).toArray();
        double perOptionSeconds = time(s, log, "multiple choice, per option",
                () -> PerOptionBaseline.score(model, separate, lengths, SCORE_BATCH));
        results.add(new BenchmarkFigure("mc_per_option_instances_per_s", "multiple choice, each option with its "
                + "context (lm-eval style)", MC_INSTANCES / perOptionSeconds, "instances/s"));
        results.add(new BenchmarkFigure("mc_speedup", "multiple choice: context reuse / per option",
                perOptionSeconds / mcSeconds, "x"));

        // the default (decode threads chosen by timing), then batch 1 with each fixed choice, for comparison
        List<int[]> runs = new ArrayList<>(List.of(new int[] {1, 0}, new int[] {8, 0}));
        if (s.threads() > 1) {
            runs.add(new int[] {1, 1});
            runs.add(new int[] {1, s.threads()});
        }
        for (int[] run : runs) {
            int batch = run[0];
            int decodeThreads = run[1];
            List<GenerationPrompt> prompts = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                prompts.add(new GenerationPrompt(tokens(random, GEN_PROMPT, vocab), GEN_NEW, List.of()));
            }
            Generator generator = new Generator(model, vocabulary, batch, true, decodeThreads);
            String threads = decodeThreads == 0 ? "" : ", " + decodeThreads + " decode thread"
                    + (decodeThreads == 1 ? "" : "s");
            double seconds = time(s, log, "greedy generation, batch " + batch + threads,
                    () -> generator.generate(prompts, i -> { }));
            results.add(new BenchmarkFigure("generate_b" + batch + "_tokens_per_s" + (decodeThreads == 0 ? ""
                    : "_decode_threads_" + decodeThreads), "greedy generation, batch " + batch + " ("
                    + GEN_PROMPT + "-token prompt, " + GEN_NEW + " new tokens" + threads + ")",
                    batch * GEN_NEW / seconds, "tokens/s"));
        }
        return results;
    }

    private static int[] tokens(Random random, int length, int vocab) {
        int[] ids = new int[length];
        ids[0] = 2;
        for (int i = 1; i < length; i++) {
            ids[i] = 4 + random.nextInt(vocab - 4);
        }
        return ids;
    }

    private static double time(BenchmarkSettings s, PrintStream log, String what, Runnable work) {
        work.run();
        double[] seconds = new double[s.repeats()];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        // the fastest run: on a shared machine the slower runs measure other processes, not this code
        Arrays.sort(seconds);
        log.printf("%-48s %8.3f s (best of %d, median %.3f s)%n", what, seconds[0], seconds.length,
                seconds[seconds.length / 2]);
        return seconds[0];
    }
}
