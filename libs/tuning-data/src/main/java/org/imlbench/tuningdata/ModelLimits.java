package org.imlbench.tuningdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.imlbench.api.TuningConfig;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.hf.tokenizer.Tokenizer;

/**
 * What a base model allows the tuning data, checked before any work starts so that a recipe or a tokenizer that does
 * not fit is fitted or refused with a message naming both numbers, never failed inside an engine ("index out of range
 * in self"): the packing window against the model's learned positions, the tokenizer's ids against its embedding
 * rows. Every tuning backend calls this on the base checkpoint before encoding an example.
 *
 * @param maxPositions the model's learned positions ({@code max_position_embeddings})
 * @param vocabSize the rows of its token embedding ({@code vocab_size})
 */
public record ModelLimits(int maxPositions, int vocabSize) {
    /** The smallest window a recipe accepts ({@code --max-seq-len}). */
    private static final int MIN_WINDOW = 2;

    /**
     * @param config a checkpoint's config.json
     * @return its limits
     */
    public static ModelLimits of(OptConfig config) {
        return new ModelLimits(config.maxPositions(), config.vocabSize());
    }

    /**
     * Fits the recipe's packing window to the model: a window longer than the learned positions is cut to them (every
     * position in a window needs a row of the position table), and {@code notes} is told so in one line.
     *
     * @param recipe the recipe as resolved from defaults and options
     * @param notes receives a one-line note when the window is cut
     * @return the recipe to tune with
     * @throws IOException when the model has too few positions for any window
     */
    public TuningConfig fit(TuningConfig recipe, Consumer<String> notes) throws IOException {
        if (maxPositions < MIN_WINDOW) {
            throw new IOException("the model has max_position_embeddings " + maxPositions + "; tuning needs at least "
                    + MIN_WINDOW);
        }
        if (recipe.maxSeqLen() <= maxPositions) {
            return recipe;
        }
        notes.accept("--max-seq-len " + recipe.maxSeqLen() + " is longer than the model's max_position_embeddings "
                + maxPositions + "; tuning on windows of " + maxPositions + " tokens");
        return recipe.toBuilder().maxSeqLen(maxPositions).build();
    }

    /**
     * @param tokenizer the model's tokenizer
     * @param checkpoint where both come from, for the message
     * @throws IOException when the tokenizer can produce ids that have no row in the embedding
     */
    public void checkTokenizer(Tokenizer tokenizer, Path checkpoint) throws IOException {
        if (tokenizer.vocabSize() > vocabSize) {
            throw new IOException(checkpoint + ": the tokenizer has " + tokenizer.vocabSize() + " ids but config.json "
                    + "declares vocab_size " + vocabSize);
        }
    }
}
