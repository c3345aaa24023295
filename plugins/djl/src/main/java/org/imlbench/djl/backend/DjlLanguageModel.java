package org.imlbench.djl.backend;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imlbench.api.Capability;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelInfo;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.ScoreResult;
import org.imlbench.api.TokenView;
import org.imlbench.djl.inference.GenerationPrompt;
import org.imlbench.djl.inference.RequestTokenizer;
import org.imlbench.djl.inference.ScoreUnit;

/**
 * An OPT checkpoint loaded by the {@code djl} backend: one replica per device, text turned into tokens by
 * {@link RequestTokenizer}, scoring and generation split across replicas.
 */
final class DjlLanguageModel implements LanguageModel {
    private final ModelInfo info;
    private final List<Replica> replicas;
    private final RequestTokenizer requests;
    private final TokenView tokens;

    DjlLanguageModel(ModelInfo info, List<Replica> replicas, RequestTokenizer requests, TokenView tokens) {
        this.info = info;
        this.replicas = List.copyOf(replicas);
        this.requests = requests;
        this.tokens = tokens;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SCORE, Capability.GENERATE, Capability.TOKENS);
    }

    @Override
    public List<ScoreResult> score(List<ScoreRequest> scoreRequests, ProgressListener progress) throws IOException {
        RequestTokenizer.Plan plan = requests.plan(scoreRequests);
        List<ScoreUnit> units = plan.units();
        int[] requestOfUnit = new int[units.size()];
        int[] pending = new int[scoreRequests.size()];
        for (int q = 0; q < scoreRequests.size(); q++) {
            for (int u : Arrays.stream(plan.unitOf()[q]).distinct().toArray()) {
                requestOfUnit[u] = q;
                pending[q]++;
            }
        }
        RequestProgress tracker = new RequestProgress(pending, progress);
        List<List<ContinuationScore>> byUnit = DataParallel.run(replicas.size(), units.size(), (k, indices) -> {
            List<ScoreUnit> share = new ArrayList<>();
            for (int i : indices) {
                share.add(units.get(i));
            }
            return replicas.get(k).scorer().score(share, local -> tracker.unitDone(requestOfUnit[indices[local]]));
        });
        List<ScoreResult> out = new ArrayList<>();
        for (int q = 0; q < scoreRequests.size(); q++) {
            List<ContinuationScore> scores = new ArrayList<>();
            for (int c = 0; c < plan.unitOf()[q].length; c++) {
                scores.add(byUnit.get(plan.unitOf()[q][c]).get(plan.slotOf()[q][c]));
            }
            out.add(new ScoreResult(scores));
        }
        return out;
    }

    @Override
    public List<GenerateResult> generate(List<GenerateRequest> generateRequests, ProgressListener progress)
            throws IOException {
        List<GenerationPrompt> prompts = generateRequests.stream().map(requests::prompt).toList();
        int[] pending = new int[prompts.size()];
        Arrays.fill(pending, 1);
        RequestProgress tracker = new RequestProgress(pending, progress);
        List<GenerateResult.Generated> results = DataParallel.run(replicas.size(), prompts.size(), (k, indices) -> {
            List<GenerationPrompt> share = new ArrayList<>();
            for (int i : indices) {
                share.add(prompts.get(i));
            }
            return replicas.get(k).generator().generate(share, local -> tracker.unitDone(indices[local]));
        });
        return List.copyOf(results);
    }

    @Override
    public Optional<TokenView> tokens() {
        return Optional.of(tokens);
    }

    @Override
    public void close() {
        replicas.forEach(Replica::close);
    }

    /** Counts finished units per request and reports finished requests (thread-safe: replicas run in parallel). */
    private static final class RequestProgress {
        private final int[] pending;
        private final ProgressListener listener;
        private long done;

        RequestProgress(int[] pending, ProgressListener listener) {
            this.pending = pending;
            this.listener = listener;
        }

        synchronized void unitDone(int request) {
            if (--pending[request] == 0) {
                done++;
                listener.progress(done, pending.length);
            }
        }
    }
}
