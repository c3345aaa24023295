package org.imlbench.hf.checkpoint;

import java.util.Optional;

/**
 * Maps the names checkpoints store to canonical names (see {@link Checkpoint}): {@code OPTForCausalLM} writes
 * {@code model.decoder.*} and {@code lm_head.weight}; the original facebook uploads write {@code decoder.*}.
 */
public final class TensorNames {
    /** The prefix {@code save_pretrained} gives every {@code OPTModel} tensor of an {@code OPTForCausalLM}. */
    public static final String MODEL_PREFIX = "model.";
    /** The output projection, tied to {@code decoder.embed_tokens.weight} in every OPT. */
    public static final String LM_HEAD = "lm_head.weight";

    private TensorNames() {
    }

    /**
     * @param storedName a name as stored in a file
     * @return its canonical name, or empty for a tensor the checkpoint API does not expose (the tied lm_head)
     */
    public static Optional<String> canonical(String storedName) {
        if (storedName.equals(LM_HEAD) || storedName.equals(MODEL_PREFIX + LM_HEAD)) {
            return Optional.empty();
        }
        if (storedName.startsWith(MODEL_PREFIX)) {
            return Optional.of(storedName.substring(MODEL_PREFIX.length()));
        }
        return Optional.of(storedName);
    }

    /**
     * @param canonicalName a canonical name
     * @return the name {@code save_pretrained} stores it under
     */
    public static String stored(String canonicalName) {
        return MODEL_PREFIX + canonicalName;
    }
}
