package org.imlbench.djl.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptimizerPartsTest {
    @Test
    void lossScalerHalvesOnOverflowAndGrowsAfterCleanSteps() {
        LossScaler scaler = new LossScaler(1024, 3, 1);
        assertTrue(!scaler.update(true));
        assertEquals(512, scaler.scale());
        assertTrue(scaler.update(false));
        assertTrue(scaler.update(false));
        assertEquals(512, scaler.scale());
        assertTrue(scaler.update(false));
        assertEquals(1024, scaler.scale());
        LossScaler none = LossScaler.none();
        assertThrows(ArithmeticException.class, () -> none.update(true));
    }

    @Test
    void clipFactorScalesOnlyAboveTheThreshold() {
        assertEquals(1.0, GlobalNorm.clipFactor(0.5, 1.0));
        assertEquals(0.25, GlobalNorm.clipFactor(4.0, 1.0), 1e-6);
        assertEquals(1.0, GlobalNorm.clipFactor(100, 0));
    }

    @Test
    void weightDecaySkipsBiasesAndLayerNorms() {
        assertTrue(AdamW.decays("decoder.layers.0.fc1.weight"));
        assertTrue(AdamW.decays("decoder.embed_tokens.weight"));
        assertTrue(!AdamW.decays("decoder.layers.0.fc1.bias"));
        assertTrue(!AdamW.decays("decoder.layers.0.self_attn_layer_norm.weight"));
        assertTrue(!AdamW.decays("decoder.final_layer_norm.weight"));
    }
}
