package org.imlbench.tuningdata;

import java.util.Arrays;
import java.util.Objects;

/**
 * A training example as token ids: {@code source} starts with the BOS id ({@code </s>}) and holds the encoded prompt;
 * {@code target} holds the encoded target followed by the EOS id ({@code </s>}). The loss covers every target id
 * (the closing {@code </s>} included) and no source id.
 *
 * @param taskId the task the example comes from
 * @param source BOS followed by the prompt's ids; at least the BOS id
 * @param target the target's ids followed by EOS; at least the EOS id
 */
public record EncodedExample(String taskId, int[] source, int[] target) {
    /** Checks the invariants and copies the arrays. */
    public EncodedExample {
        Objects.requireNonNull(taskId, "taskId");
        if (source.length < 1) {
            throw new IllegalArgumentException("source of an example of task " + taskId + " has no BOS id");
        }
        if (target.length < 1) {
            throw new IllegalArgumentException("target of an example of task " + taskId + " has no EOS id");
        }
        source = source.clone();
        target = target.clone();
    }

    /** @return source and target lengths together */
    public int length() {
        return source.length + target.length;
    }

    /** @return a copy of the source ids */
    @Override
    public int[] source() {
        return source.clone();
    }

    /** @return a copy of the target ids */
    @Override
    public int[] target() {
        return target.clone();
    }

    /** @return the number of tokens that carry loss: the target's length */
    public int lossTokens() {
        return target.length;
    }

    /**
     * Shortens the example to fit a window by dropping source tokens right after the BOS id, so that the model still
     * sees where the example starts and the whole target. The target is never cut.
     *
     * @param maxLength the window, in tokens
     * @return this example when it fits, else the shortened example
     * @throws IllegalArgumentException when even BOS and the target do not fit
     */
    public EncodedExample truncatedTo(int maxLength) {
        if (length() <= maxLength) {
            return this;
        }
        if (1 + target.length > maxLength) {
            throw new IllegalArgumentException("an example of task " + taskId + " has a target of " + target.length
                    + " tokens, which does not fit a window of " + maxLength + " with its BOS token");
        }
        int keep = maxLength - target.length;            // BOS + the last (keep - 1) source tokens
        int[] cut = new int[keep];
        cut[0] = source[0];
        System.arraycopy(source, source.length - (keep - 1), cut, 1, keep - 1);
        return new EncodedExample(taskId, cut, target);
    }

    /** @return the ids of source and target in order */
    public int[] ids() {
        int[] all = Arrays.copyOf(source, length());
        System.arraycopy(target, 0, all, source.length, target.length);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedExample e && taskId.equals(e.taskId) && Arrays.equals(source, e.source)
                && Arrays.equals(target, e.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskId, Arrays.hashCode(source), Arrays.hashCode(target));
    }

    @Override
    public String toString() {
        return "EncodedExample[" + taskId + ", source " + source.length + " ids, target " + target.length + " ids]";
    }
}
