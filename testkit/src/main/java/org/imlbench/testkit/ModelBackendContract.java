package org.imlbench.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imlbench.api.Capability;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.KnownInstances;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.ScoreResult;
import org.imlbench.api.TrainingExample;
import org.imlbench.api.TrainingExamples;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.TuningRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a {@link ModelBackend} and the models it loads: results come back in request order and do not
 * depend on how requests are batched or ordered (the harness batches and resumes freely), generation is greedy and
 * therefore deterministic, {@code expect} accepts the instances it is told about, capabilities are honest, and a
 * backend that cannot tune says so. Extend it with a small model of your backend:
 *
 * <pre>{@code
 * class MyBackendContractTest extends ModelBackendContract {
 *     protected ModelBackend backend() { return new MyBackend(); }
 *     protected ModelRequest request() { return ModelRequest.of("tiny-model", "cpu", Map.of()); }
 * }
 * }</pre>
 */
public abstract class ModelBackendContract {
    private static final ProgressListener QUIET = (done, total) -> { };

    @TempDir
    Path temp;

    /** @return a new instance of the backend under test */
    protected abstract ModelBackend backend();

    /** @return a small model the backend loads quickly */
    protected abstract ModelRequest request();

    /** @return how far two scores of the same request may differ (float32 engines batch with other sums) */
    protected double tolerance() {
        return 1e-4;
    }

    /** @return score requests for the model; by default {@link ContractData#scoreRequests()} */
    protected List<ScoreRequest> scoreRequests() {
        return ContractData.scoreRequests();
    }

    /** @return generation requests; by default {@link ContractData#generateRequests()} */
    protected List<GenerateRequest> generateRequests() {
        return ContractData.generateRequests();
    }

    /** Name, API level, description and option keys. */
    @Test
    void isAWellFormedPlugin() {
        Contract.checkPlugin(backend());
    }

    /** One result per request, in request order, however the requests are ordered. */
    @Test
    void scoresComeBackInRequestOrder() throws IOException {
        ModelBackend backend = backend();
        try (LanguageModel model = backend.load(request())) {
            if (!model.capabilities().contains(Capability.SCORE)) {
                return;
            }
            List<ScoreRequest> requests = scoreRequests();
            List<ScoreResult> forward = model.score(requests, QUIET);
            checkShape(backend, requests, forward);
            List<ScoreRequest> reversed = new ArrayList<>(requests);
            Collections.reverse(reversed);
            List<ScoreResult> backward = model.score(reversed, QUIET);
            for (int i = 0; i < requests.size(); i++) {
                compare(backend, "scores come back in request order", requests.get(i), forward.get(i),
                        backward.get(requests.size() - 1 - i), "reversed order");
            }
        }
    }

    /** The same request scores the same alone and among others: batching must never leak between requests. */
    @Test
    void scoresDoNotDependOnBatchComposition() throws IOException {
        ModelBackend backend = backend();
        try (LanguageModel model = backend.load(request())) {
            if (!model.capabilities().contains(Capability.SCORE)) {
                return;
            }
            List<ScoreRequest> requests = scoreRequests();
            List<ScoreResult> together = model.score(requests, QUIET);
            for (int i = 0; i < requests.size(); i++) {
                ScoreResult alone = model.score(List.of(requests.get(i)), QUIET).get(0);
                compare(backend, "scores do not depend on batch composition", requests.get(i), together.get(i),
                        alone, "scored alone");
            }
        }
    }

    /** Generation is greedy: the same request gives the same text, alone or among others, in request order. */
    @Test
    void generationIsDeterministicAndInRequestOrder() throws IOException {
        ModelBackend backend = backend();
        try (LanguageModel model = backend.load(request())) {
            if (!model.capabilities().contains(Capability.GENERATE)) {
                return;
            }
            List<GenerateRequest> requests = generateRequests();
            List<GenerateResult> together = model.generate(requests, QUIET);
            if (together.size() != requests.size()) {
                throw Contract.broken("one result per request", backend, requests.size() + " generation requests, "
                        + together.size() + " results");
            }
            for (int i = 0; i < requests.size(); i++) {
                GenerateResult alone = model.generate(List.of(requests.get(i)), QUIET).get(0);
                if (!text(together.get(i)).equals(text(alone))) {
                    throw Contract.broken("generation does not depend on batch composition", backend,
                            requests.get(i).taskId() + "/" + requests.get(i).instanceId() + ": '"
                                    + text(together.get(i)) + "' among others, '" + text(alone) + "' alone");
                }
            }
        }
    }

    /** {@code expect} is told every loaded instance before any request: the requests' own ids must be accepted. */
    @Test
    void expectAcceptsTheInstancesItIsToldAbout() throws IOException {
        ModelBackend backend = backend();
        Map<String, Set<String>> known = new HashMap<>();
        scoreRequests().forEach(r -> known.computeIfAbsent(r.taskId(), k -> new HashSet<>()).add(r.instanceId()));
        generateRequests().forEach(r -> known.computeIfAbsent(r.taskId(), k -> new HashSet<>()).add(r.instanceId()));
        try (LanguageModel model = backend.load(request())) {
            try {
                model.expect(KnownInstances.of(known));
            } catch (IOException e) {
                throw Contract.broken("expect accepts the instances of its requests", backend, e.getMessage());
            }
            if (model.capabilities().isEmpty()) {
                throw Contract.broken("a model can score or generate", backend, "capabilities() is empty");
            }
        }
    }

    /** A backend that says it cannot tune must refuse cleanly rather than half-tune. */
    @Test
    void aBackendThatCannotTuneSaysSo() {
        ModelBackend backend = backend();
        if (backend.canTune()) {
            return;
        }
        TuningRequest request = new TuningRequest(request(), temp.resolve("tuned"),
                TrainingExamples.of(List.of(new TrainingExample("contract/answer", "Two plus two is", " four"))),
                TuningConfig.optIml(1, 1, 0), false);
        try {
            backend.tune(request, p -> { });
        } catch (UnsupportedOperationException expected) {
            return;
        } catch (IOException | RuntimeException e) {
            throw Contract.broken("canTune() false means tune throws UnsupportedOperationException", backend,
                    "it threw " + e);
        }
        throw Contract.broken("canTune() false means tune throws UnsupportedOperationException", backend,
                "tune returned normally");
    }

    private static void checkShape(ModelBackend backend, List<ScoreRequest> requests, List<ScoreResult> results) {
        if (results.size() != requests.size()) {
            throw Contract.broken("one result per request", backend, requests.size() + " score requests, "
                    + results.size() + " results");
        }
        for (int i = 0; i < requests.size(); i++) {
            int expected = requests.get(i).continuations().size();
            int got = results.get(i).scores().size();
            if (got != expected) {
                throw Contract.broken("one score per continuation", backend, requests.get(i).taskId() + "/"
                        + requests.get(i).instanceId() + " has " + expected + " continuations, " + got + " scores");
            }
            for (ContinuationScore score : results.get(i).scores()) {
                if (!(score.logLikelihood() <= 0) || score.tokenCount() < 1) {
                    throw Contract.broken("log-likelihoods are finite and <= 0, token counts >= 1", backend,
                            requests.get(i).taskId() + "/" + requests.get(i).instanceId() + ": " + score);
                }
            }
        }
    }

    private void compare(ModelBackend backend, String contract, ScoreRequest request, ScoreResult expected,
                         ScoreResult actual, String how) {
        for (int k = 0; k < expected.scores().size(); k++) {
            double a = expected.scores().get(k).logLikelihood();
            double b = actual.scores().get(k).logLikelihood();
            if (!(Math.abs(a - b) <= tolerance())) {
                throw Contract.broken(contract, backend, request.taskId() + "/" + request.instanceId()
                        + " continuation " + k + ": " + a + " in the full batch, " + b + " " + how
                        + " (tolerance " + tolerance() + ")");
            }
        }
    }

    private static String text(GenerateResult result) {
        return result instanceof GenerateResult.Generated g ? g.text() : "<missing: "
                + ((GenerateResult.Missing) result).reason() + ">";
    }
}
