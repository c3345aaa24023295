package org.imlbench.tuningdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.TuningConfig;
import org.imlbench.hf.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;

/** The limits a base model sets on a tuning run are settled before any work, with messages naming both numbers. */
class ModelLimitsTest {
    private final TuningConfig paper = TuningConfig.optImlBuilder().steps(5).build();

    @Test
    void aWindowLongerThanThePositionsIsCutWithOneNote() throws IOException {
        List<String> notes = new ArrayList<>();
        TuningConfig fitted = new ModelLimits(64, 50272).fit(paper, notes::add);
        assertEquals(64, fitted.maxSeqLen());
        assertEquals(paper.toBuilder().maxSeqLen(64).build(), fitted, "nothing else changes");
        assertEquals(List.of("--max-seq-len 2048 is longer than the model's max_position_embeddings 64; tuning on "
                + "windows of 64 tokens"), notes);
    }

    @Test
    void aWindowThatFitsIsKeptSilently() throws IOException {
        List<String> notes = new ArrayList<>();
        assertSame(paper, new ModelLimits(2048, 50272).fit(paper, notes::add));
        assertTrue(notes.isEmpty());
    }

    @Test
    void aModelWithoutRoomForAWindowIsRefused() {
        IOException e = assertThrows(IOException.class, () -> new ModelLimits(1, 50272).fit(paper, n -> { }));
        assertTrue(e.getMessage().contains("max_position_embeddings 1"), e.getMessage());
    }

    @Test
    void aTokenizerWithIdsBeyondTheEmbeddingIsRefused() throws IOException {
        ByteTokenizer bytes = new ByteTokenizer();
        new ModelLimits(64, bytes.vocabSize()).checkTokenizer(bytes, Path.of("m"));
        IOException e = assertThrows(IOException.class,
                () -> new ModelLimits(64, 100).checkTokenizer(bytes, Path.of("m")));
        assertEquals("m: the tokenizer has " + bytes.vocabSize() + " ids but config.json declares vocab_size 100",
                e.getMessage());
    }
}
