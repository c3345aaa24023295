package org.imlbench.djl.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.imlbench.api.Capability;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.ScoreResult;
import org.imlbench.api.Token;
import org.imlbench.api.TokenLogProb;
import org.imlbench.api.TokenSplit;
import org.imlbench.api.TokenView;
import org.imlbench.api.UsageException;
import org.imlbench.djl.testing.Golden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The djl backend on the opt-tiny fixture with its GPT-2 tokenizer: scores independent of batch size, order and
 * replica count; cached generation equal to uncached; stop sequences; the lm-eval token boundary.
 */
class DjlBackendTest {
    private static final String[] WORDS = {"the", "cat", "sat", " on", "mat", "Question:", "Answer:", "yes", "no",
        "maybe", "12", "3.5", "über", "naïve", "!", "?", "\n", "  ", "dog", "ran"};

    private static Path dir;
    private static List<ScoreRequest> requests;

    @BeforeAll
    static void setUp() {
        dir = Golden.fixturesDir().resolve("opt-tiny");
        Random random = new Random(42);
        requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String context = text(random, 1 + random.nextInt(i % 5 == 0 ? 40 : 12));
            if (i % 7 == 0) {
                context += " ";
            }
            List<String> options = new ArrayList<>();
            int n = 1 + random.nextInt(5);
            for (int k = 0; k < n; k++) {
                options.add((k % 2 == 0 ? " " : "") + text(random, 1 + random.nextInt(4)));
            }
            requests.add(new ScoreRequest("t", "i" + i, context, options));
        }
    }

    @AfterAll
    static void tearDown() {
        requests = null;
    }

    private static String text(Random random, int words) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < words; w++) {
            b.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    private static DjlLanguageModel load(int batchSize, int replicas) throws Exception {
        List<Device> devices = Collections.nCopies(replicas, Device.cpu());
        return DjlBackend.load(new ModelRequest(dir.toString(), "cpu", Options.of(Map.of())), dir, devices,
                BackendOptions.parse(Options.of(Map.of("batch-size", Integer.toString(batchSize)))));
    }

    @Test
    void scoresDoNotDependOnBatchSizeOrderOrReplicas() throws Exception {
        List<ScoreResult> reference;
        AtomicLong last = new AtomicLong();
        try (DjlLanguageModel model = load(1, 1)) {
            assertEquals(Capability.values().length, model.capabilities().size());
            reference = model.score(requests, (done, total) -> {
                assertEquals(requests.size(), total);
                last.set(done);
            });
        }
        assertEquals(requests.size(), last.get(), "progress must reach every request");
        for (int batch : new int[] {7, 32}) {
            try (DjlLanguageModel model = load(batch, 1)) {
                compare(reference, model.score(requests, (d, t) -> { }), "batch " + batch);
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < requests.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(batch));
                List<ScoreRequest> shuffled = order.stream().map(requests::get).toList();
                List<ScoreResult> got = model.score(shuffled, (d, t) -> { });
                List<ScoreResult> unshuffled = new ArrayList<>(Collections.nCopies(requests.size(), null));
                for (int i = 0; i < order.size(); i++) {
                    unshuffled.set(order.get(i), got.get(i));
                }
                compare(reference, unshuffled, "batch " + batch + " shuffled");
            }
        }
        try (DjlLanguageModel model = load(5, 2)) {
            compare(reference, model.score(requests, (d, t) -> { }), "two replicas");
        }
    }

    private static void compare(List<ScoreResult> expected, List<ScoreResult> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int q = 0; q < expected.size(); q++) {
            List<ContinuationScore> e = expected.get(q).scores();
            List<ContinuationScore> a = actual.get(q).scores();
            assertEquals(e.size(), a.size());
            for (int c = 0; c < e.size(); c++) {
                assertEquals(e.get(c).logLikelihood(), a.get(c).logLikelihood(), 1e-5, what + " request " + q);
                assertEquals(e.get(c).tokenCount(), a.get(c).tokenCount(), what);
                assertEquals(e.get(c).greedy(), a.get(c).greedy(), what);
            }
        }
    }

    @Test
    void boundaryIsTokenizedAsTheJoinedText() throws Exception {
        try (DjlLanguageModel model = load(4, 1)) {
            TokenView tokens = model.tokens().orElseThrow();
            TokenSplit split = tokens.split("Answer: ", "yes");
            // the trailing space moves to the continuation, as lm-evaluation-harness does: " yes" is one token
            assertEquals(2, split.context().get(0));
            assertEquals(tokens.encode("Answer:"), split.context());
            assertEquals(1, split.continuation().size());
            ContinuationScore joined = model.score(List.of(new ScoreRequest("t", "i", "Answer: ", List.of("yes"))),
                    (d, t) -> { }).get(0).scores().get(0);
            ContinuationScore plain = model.score(List.of(new ScoreRequest("t", "i", "Answer:", List.of(" yes"))),
                    (d, t) -> { }).get(0).scores().get(0);
            assertEquals(plain.logLikelihood(), joined.logLikelihood(), 1e-6);
            assertEquals(1, plain.tokenCount());
        }
    }

    /** Echo-style log-probabilities agree with {@code score} on the continuation's tokens, in any batch. */
    @Test
    void tokenLogProbsAgreeWithScoresInAnyBatch() throws Exception {
        List<List<Integer>> sequences = new ArrayList<>();
        List<int[]> continuationStart = new ArrayList<>();
        List<ScoreRequest> single = new ArrayList<>();
        for (ScoreRequest r : requests.subList(0, 12)) {
            single.add(new ScoreRequest(r.taskId(), r.instanceId(), r.context(), List.of(r.continuations().get(0))));
        }
        List<ScoreResult> scores;
        List<List<TokenLogProb>> reference;
        try (DjlLanguageModel model = load(1, 1)) {
            TokenView tokens = model.tokens().orElseThrow();
            for (ScoreRequest r : single) {
                TokenSplit split = tokens.split(r.context(), r.continuations().get(0));
                List<Integer> joined = new ArrayList<>(split.context());
                joined.addAll(split.continuation());
                sequences.add(joined);
                continuationStart.add(new int[] {split.context().size()});
            }
            scores = model.score(single, (d, t) -> { });
            reference = tokens.logProbs(sequences, (d, t) -> { });
        }
        for (int q = 0; q < single.size(); q++) {
            List<TokenLogProb> row = reference.get(q);
            assertEquals(sequences.get(q).size() - 1, row.size());
            double sum = 0;
            boolean greedy = true;
            for (int i = continuationStart.get(q)[0]; i < sequences.get(q).size(); i++) {
                TokenLogProb p = row.get(i - 1);
                assertTrue(p.topLogProb() >= p.logProb());
                sum += p.logProb();
                greedy &= p.topId() == sequences.get(q).get(i);
            }
            ContinuationScore expected = scores.get(q).scores().get(0);
            assertEquals(expected.logLikelihood(), sum, 1e-4, "request " + q);
            assertEquals(expected.greedy(), greedy, "request " + q);
        }
        try (DjlLanguageModel model = load(5, 2)) {
            List<List<TokenLogProb>> batched = model.tokens().orElseThrow().logProbs(sequences, (d, t) -> { });
            for (int q = 0; q < sequences.size(); q++) {
                for (int i = 0; i < batched.get(q).size(); i++) {
                    assertEquals(reference.get(q).get(i).logProb(), batched.get(q).get(i).logProb(), 1e-5);
                    assertEquals(reference.get(q).get(i).topId(), batched.get(q).get(i).topId());
                }
            }
            assertThrows(IllegalArgumentException.class, () -> model.tokens().orElseThrow()
                    .logProbs(List.of(List.of(2, 999_999)), (d, t) -> { }));
        }
    }

    /** Offsets locate every token in the decoded text, also where a character spans several tokens. */
    @Test
    void tokenOffsetsLocateTokensInTheText() throws Exception {
        try (DjlLanguageModel model = load(1, 1)) {
            TokenView view = model.tokens().orElseThrow();
            String text = "naïve über 😀 cat";
            List<Integer> ids = view.encode(text);
            List<Token> tokens = view.tokens(ids);
            assertEquals(ids.size(), tokens.size());
            assertEquals("", tokens.get(0).text(), "</s> carries no text");
            assertEquals(0, tokens.get(0).offset());
            int codePoints = text.codePointCount(0, text.length());
            for (int i = 1; i < tokens.size(); i++) {
                assertTrue(tokens.get(i).offset() >= tokens.get(i - 1).offset());
                assertTrue(tokens.get(i).offset() < codePoints);
            }
            Token last = tokens.get(tokens.size() - 1);
            assertEquals(" cat", last.text());
            assertEquals(codePoints - 4, last.offset());
            assertEquals(text, view.decode(ids));
        }
    }

    @Test
    void greedyFlagMatchesGeneration() throws Exception {
        try (DjlLanguageModel model = load(4, 1)) {
            GenerateResult.Generated g = (GenerateResult.Generated) model.generate(
                    List.of(new GenerateRequest("t", "i", "The cat", 3, List.of())), (d, t) -> { }).get(0);
            ScoreResult s = model.score(List.of(new ScoreRequest("t", "i", "The cat",
                    List.of(g.text(), g.text() + " x"))),
                    (d, t) -> { }).get(0);
            assertTrue(s.scores().get(0).greedy(), "the generated text is the greedy continuation");
            assertFalse(s.scores().get(1).greedy());
        }
    }

    @Test
    void generationIsBatchIndependentAndStops() throws Exception {
        List<GenerateRequest> gen = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            gen.add(new GenerateRequest("t", "g" + i, requests.get(i).context(), 6 + i % 4,
                    i % 3 == 0 ? List.of("e") : List.of()));
        }
        List<GenerateResult> one;
        try (DjlLanguageModel model = load(1, 1)) {
            one = model.generate(gen, (d, t) -> { });
        }
        try (DjlLanguageModel model = load(4, 2)) {
            assertEquals(one, model.generate(gen, (d, t) -> { }));
        }
        for (int i = 0; i < gen.size(); i++) {
            GenerateResult.Generated g = (GenerateResult.Generated) one.get(i);
            switch (g.stopReason()) {
                case MAX_NEW_TOKENS -> assertEquals(gen.get(i).maxNewTokens(), g.tokenIds().size());
                case STOP_SEQUENCE -> assertFalse(g.text().contains("e"), g.text());
                case END_OF_SEQUENCE -> assertTrue(g.tokenIds().size() < gen.get(i).maxNewTokens());
                default -> throw new AssertionError(g);
            }
            if (gen.get(i).stopSequences().isEmpty()) {
                assertFalse(g.stopReason() == GenerateResult.StopReason.STOP_SEQUENCE);
            }
        }
    }

    @Test
    void badOptionValuesAndDevicesAreUsageErrorsNamingTheOption() {
        DjlBackend backend = new DjlBackend();
        UsageException e = assertThrows(UsageException.class, () -> backend.load(new ModelRequest(dir.toString(),
                "cpu", Options.of(Map.of("batch-size", "two")))));
        assertTrue(e.getMessage().contains("batch-size='two'") && e.getMessage().contains("integer >= 1"),
                e.getMessage());
        assertThrows(UsageException.class, () -> backend.load(new ModelRequest(dir.toString(), "tpu",
                Options.empty())));
        e = assertThrows(UsageException.class, () -> backend.load(new ModelRequest(dir.toString(), "cpu",
                Options.of(Map.of("dtype", "bfloat16")))));
        assertTrue(e.getMessage().contains("dtype"), e.getMessage());
        assertThrows(UsageException.class, () -> backend.load(new ModelRequest(dir.toString(), "cpu",
                Options.of(Map.of("decode-threads", "0")))));
        assertTrue(backend.declaredOptions().stream().anyMatch(k -> k.key().equals("batch-size")));
    }
}
