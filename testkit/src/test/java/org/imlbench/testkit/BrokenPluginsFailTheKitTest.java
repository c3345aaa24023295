package org.imlbench.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.imlbench.api.Capability;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Instance;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.Metric;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelInfo;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.api.Prediction;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Sample;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.ScoreResult;
import org.imlbench.api.Task;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSink;
import org.imlbench.api.TaskSource;
import org.imlbench.api.TaskSourceInfo;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs each contract against a well-behaved plugin (every test passes) and against one that breaks exactly one
 * promise (exactly that test fails, with a message naming the contract). The cases are static nested classes, which
 * Surefire does not run on its own; the JUnit Platform's engine test kit runs them here.
 */
class BrokenPluginsFailTheKitTest {
    private static Events run(Class<?> contractCase) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contractCase)).execute()
                .testEvents();
    }

    private static void assertOnlyFailure(Class<?> contractCase, String contract) {
        Events events = run(contractCase);
        List<String> messages = new ArrayList<>();
        events.failed().stream().forEach(e -> messages.add(e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("")));
        assertEquals(1, messages.size(), "failures: " + messages);
        assertTrue(messages.get(0).startsWith("contract '" + contract + "' broken by"), messages.get(0));
        assertTrue(events.succeeded().count() >= 2, "the other contracts still pass");
    }

    private static void assertAllPass(Class<?> contractCase) {
        Events events = run(contractCase);
        assertEquals(0, events.failed().count(), () -> "unexpected failures in " + contractCase.getSimpleName());
        assertTrue(events.succeeded().count() >= 3);
    }

    @Test
    void aMetricReturningOneAndAHalfFailsTheUnitIntervalContract() {
        assertAllPass(GoodMetric.class);
        assertOnlyFailure(OverflowingMetric.class, "metric values lie in [0, 1]");
    }

    @Test
    void batchDependentScoresFailTheBatchCompositionContract() {
        assertAllPass(GoodBackend.class);
        assertOnlyFailure(BatchDependentBackend.class, "scores do not depend on batch composition");
    }

    @Test
    void aFormatDroppingAnOptionFailsTheContinuationContract() {
        assertAllPass(GoodFormat.class);
        assertOnlyFailure(OptionDroppingFormat.class, "one continuation per option");
    }

    @Test
    void aProviderThatIgnoresTheSeedFailsTheDeterminismContract() {
        assertAllPass(GoodProvider.class);
        assertOnlyFailure(RandomProvider.class, "the same source and seed give the same tasks");
    }

    // ---- metrics -------------------------------------------------------------------------------------------------

    /** Exact match of generated text, or of the best option: always 0 or 1. */
    static class ExactMatch implements Metric {
        @Override
        public String name() {
            return "exact";
        }

        @Override
        public int apiLevel() {
            return ImlbenchApi.LEVEL;
        }

        @Override
        public boolean appliesTo(Task task, String format) {
            return true;
        }

        @Override
        public double score(Sample sample) {
            String answer = sample.prediction() instanceof Prediction.Ranked r
                    ? sample.instance().options().get(r.best(Prediction.LengthNormalization.NONE))
                    : ((Prediction.Text) sample.prediction()).text().strip();
            return sample.instance().references().contains(answer) ? 1 : 0;
        }
    }

    static class GoodMetric extends MetricContract {
        @Override
        protected Metric metric() {
            return new ExactMatch();
        }
    }

    static class OverflowingMetric extends MetricContract {
        @Override
        protected Metric metric() {
            return new ExactMatch() {
                @Override
                public double score(Sample sample) {
                    return 1.5 * super.score(sample);
                }
            };
        }
    }

    // ---- backends ------------------------------------------------------------------------------------------------

    /** Scores a continuation by its length alone; {@code skew} adds a penalty per request in the same call. */
    static class LengthBackend implements ModelBackend {
        private final double skew;

        LengthBackend(double skew) {
            this.skew = skew;
        }

        @Override
        public String name() {
            return "length";
        }

        @Override
        public int apiLevel() {
            return ImlbenchApi.LEVEL;
        }

        @Override
        public LanguageModel load(ModelRequest request) {
            return new LanguageModel() {
                @Override
                public ModelInfo info() {
                    return new ModelInfo(request.model(), "length", "cpu", 0, Map.of());
                }

                @Override
                public Set<Capability> capabilities() {
                    return Set.of(Capability.SCORE, Capability.GENERATE);
                }

                @Override
                public List<ScoreResult> score(List<ScoreRequest> requests, ProgressListener progress) {
                    return requests.stream().map(r -> new ScoreResult(r.continuations().stream()
                            .map(c -> new ContinuationScore(-c.length() - skew * (requests.size() - 1), 1, false))
                            .toList())).toList();
                }

                @Override
                public List<GenerateResult> generate(List<GenerateRequest> requests, ProgressListener progress) {
                    return requests.stream().<GenerateResult>map(r -> new GenerateResult.Generated(
                            r.prompt().substring(0, Math.min(3, r.prompt().length())), List.of(),
                            GenerateResult.StopReason.MAX_NEW_TOKENS)).toList();
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static class GoodBackend extends ModelBackendContract {
        @Override
        protected ModelBackend backend() {
            return new LengthBackend(0);
        }

        @Override
        protected ModelRequest request() {
            return new ModelRequest("length", "cpu", Options.empty());
        }
    }

    static class BatchDependentBackend extends GoodBackend {
        @Override
        protected ModelBackend backend() {
            return new LengthBackend(0.01);
        }
    }

    // ---- formats -------------------------------------------------------------------------------------------------

    static class PlainFormat implements PromptFormat {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        public int apiLevel() {
            return ImlbenchApi.LEVEL;
        }

        @Override
        public RenderedPrompt render(PromptContext context) {
            Instance instance = context.instance();
            return new RenderedPrompt(context.task().instruction() + "\n" + instance.input(),
                    " " + instance.references().get(0), instance.options().stream().map(o -> " " + o).toList(),
                    List.of("\n"));
        }
    }

    static class GoodFormat extends PromptFormatContract {
        @Override
        protected PromptFormat format() {
            return new PlainFormat();
        }
    }

    static class OptionDroppingFormat extends PromptFormatContract {
        @Override
        protected PromptFormat format() {
            return new PlainFormat() {
                @Override
                public RenderedPrompt render(PromptContext context) {
                    RenderedPrompt full = super.render(context);
                    List<String> continuations = full.continuations().isEmpty() ? List.of()
                            : full.continuations().subList(1, full.continuations().size());
                    return new RenderedPrompt(full.source(), full.target(), continuations, full.stopSequences());
                }
            };
        }
    }

    // ---- task providers ------------------------------------------------------------------------------------------

    static class CountingProvider implements TaskCategoryProvider {
        private final AtomicInteger reads;

        CountingProvider(AtomicInteger reads) {
            this.reads = reads;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public int apiLevel() {
            return ImlbenchApi.LEVEL;
        }

        @Override
        public TaskSourceInfo read(TaskSource source, TaskSink sink) throws TaskLoadException {
            // reads is null for a provider that honours the seed; otherwise every read differs
            long salt = reads == null ? source.seed() : reads.incrementAndGet();
            sink.accept(new Task("counting/one", "Counting", "counting", "Count.", List.of(),
                    List.of(Instance.generation("1", "count " + salt, List.of("x"))), Map.of()));
            return TaskSourceInfo.none();
        }
    }

    static class GoodProvider extends TaskCategoryContract {
        @Override
        protected TaskCategoryProvider provider() {
            return new CountingProvider(null);
        }

        @Override
        protected TaskSource source(long seed) {
            return new TaskSource("counting", Optional.empty(), seed, false, Options.empty());
        }
    }

    static class RandomProvider extends GoodProvider {
        private static final AtomicInteger READS = new AtomicInteger();

        @Override
        protected TaskCategoryProvider provider() {
            return new CountingProvider(READS);
        }
    }
}
