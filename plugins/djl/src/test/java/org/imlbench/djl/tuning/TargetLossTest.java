package org.imlbench.djl.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.djl.model.OptModel;
import org.imlbench.djl.testing.Golden;
import org.imlbench.tuningdata.EncodedExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The objective against the float64 reference, and packing against one-by-one evaluation. */
class TargetLossTest {
    @ParameterizedTest
    @ValueSource(strings = {"opt-tiny", "opt-tiny-postln", "opt-tiny-bf16-sharded"})
    void matchesGoldenTargetOnlyLossAndGradientNorm(String fixture) throws Exception {
        JsonNode golden = Golden.of(fixture).get("target_only_loss");
        List<List<EncodedExample>> rows = new ArrayList<>();
        for (int i = 0; i < golden.get("source_ids").size(); i++) {
            rows.add(List.of(new EncodedExample("golden", Golden.ints(golden.get("source_ids").get(i)),
                    Golden.ints(golden.get("target_ids").get(i)))));
        }
        try (OptModel model = TinyModels.load(fixture);
             DataParallelTrainer trainer = new DataParallelTrainer(List.of(model), TinyModels.settings(0, 1, false))) {
            StepOutcome outcome = trainer.evaluate(rows);
            assertEquals(golden.get("mean_nll_over_target_tokens").asDouble(), outcome.loss(), 1e-4, fixture);
            double norm = golden.get("global_grad_l2_norm").asDouble();
            assertEquals(norm, outcome.gradNorm(), 1e-3 * norm, fixture);
            // evaluating leaves no gradient behind: a second evaluation gives the same norm, not twice it
            assertEquals(outcome.gradNorm(), trainer.evaluate(rows).gradNorm(), 1e-6 * norm);
        }
    }

    @Test
    void packedLossIsTheTokenWeightedCombinationOfSingleExampleLosses() throws Exception {
        List<EncodedExample> examples = TinyModels.examples(7, 9, 6, 42);
        try (OptModel model = TinyModels.load("opt-tiny");
             DataParallelTrainer trainer = new DataParallelTrainer(List.of(model), TinyModels.settings(0, 1, false))) {
            double weighted = 0;
            long tokens = 0;
            for (EncodedExample e : examples) {
                StepOutcome single = trainer.evaluate(List.of(List.of(e)));
                weighted += single.loss() * e.lossTokens();
                tokens += e.lossTokens();
            }
            double expected = weighted / tokens;
            // two packed rows of different fill, so padding, block-diagonal masking and restarts all matter
            List<List<EncodedExample>> packed = List.of(examples.subList(0, 4), examples.subList(4, 7));
            StepOutcome outcome = trainer.evaluate(packed);
            assertEquals(tokens, outcome.lossTokens());
            assertEquals(expected, outcome.loss(), 1e-5 * expected);
            StepOutcome unpacked = trainer.evaluate(TinyModels.oneEach(examples));
            assertEquals(expected, unpacked.loss(), 1e-5 * expected);
            assertEquals(unpacked.gradNorm(), outcome.gradNorm(), 1e-4 * unpacked.gradNorm());
            // and a mask that let examples see each other would change the loss: shuffle segments to prove sensitivity
            List<List<EncodedExample>> reordered = List.of(
                    List.of(examples.get(3), examples.get(2), examples.get(1), examples.get(0)),
                    examples.subList(4, 7));
            assertEquals(expected, trainer.evaluate(reordered).loss(), 1e-5 * expected);
            assertTrue(expected > 5, "a random tiny model is far from fitting random tokens");
        }
    }
}
