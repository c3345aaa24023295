package org.imlbench.djl.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.GenerateResult;
import org.imlbench.djl.model.OptModel;
import org.imlbench.djl.testing.Golden;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.tokenizer.Tokenizer;
import org.imlbench.hf.tokenizer.Tokenizers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Option log-likelihoods and greedy continuations of the three fixture checkpoints against float64 references. */
class InferenceGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"opt-tiny", "opt-tiny-postln", "opt-tiny-bf16-sharded"})
    void optionLogLikelihoodsMatchReference(String fixture) throws Exception {
        JsonNode g = Golden.of(fixture).get("options");
        int[] context = Golden.ints(g.get("context"));
        List<int[]> options = new ArrayList<>();
        g.get("options").forEach(o -> options.add(Golden.ints(o)));
        try (Checkpoint cp = Checkpoints.open(Golden.fixturesDir().resolve(fixture));
             OptModel model = OptModel.load(cp, Device.cpu(), DataType.FLOAT32)) {
            // shared context (one unit) and one unit per option: both paths must give the reference
            List<ScoreUnit> separate = new ArrayList<>();
            options.forEach(o -> separate.add(new ScoreUnit(context, List.of(o))));
            List<ContinuationScore> shared = new Scorer(model, 4, 1)
                    .score(List.of(new ScoreUnit(context, options)), n -> { }).get(0);
            List<List<ContinuationScore>> alone = new Scorer(model, 3, 1).score(separate, n -> { });
            for (int k = 0; k < options.size(); k++) {
                double expected = g.get("sum_logprob").get(k).asDouble();
                assertEquals(expected, shared.get(k).logLikelihood(), 1e-4, fixture + " option " + k + " shared");
                assertEquals(expected, alone.get(k).get(0).logLikelihood(), 1e-4, fixture + " option " + k);
                assertEquals(options.get(k).length, shared.get(k).tokenCount());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"opt-tiny", "opt-tiny-postln", "opt-tiny-bf16-sharded"})
    void greedyTokensMatchReferenceCachedAndUncached(String fixture) throws Exception {
        JsonNode g = Golden.of(fixture).get("greedy");
        Path dir = Golden.fixturesDir().resolve(fixture);
        List<Integer> expected = Golden.intList(g.get("new_tokens"));
        GenerationPrompt prompt = new GenerationPrompt(Golden.ints(g.get("prompt")), g.get("max_new_tokens").asInt(),
                List.of());
        try (Checkpoint cp = Checkpoints.open(dir);
             OptModel model = OptModel.load(cp, Device.cpu(), DataType.FLOAT32)) {
            Tokenizer tokenizer = Tokenizers.load(dir);
            for (boolean cached : new boolean[] {true, false}) {
                GenerateResult.Generated out = new Generator(model, tokenizer, 2, cached)
                        .generate(List.of(prompt), n -> { }).get(0);
                assertEquals(expected, out.tokenIds(), fixture + (cached ? " cached" : " uncached"));
                assertEquals(expected.size() == prompt.maxNewTokens() ? GenerateResult.StopReason.MAX_NEW_TOKENS
                        : GenerateResult.StopReason.END_OF_SEQUENCE, out.stopReason());
                assertEquals(tokenizer.decode(expected), out.text());
            }
        }
    }
}
