package org.imlbench.tuningdata;

import java.util.List;
import org.imlbench.api.TrainingExample;
import org.imlbench.hf.tokenizer.Tokenizer;

/**
 * Turns rendered examples into ids the way metaseq's instruction tuning does: {@code BOS + encode(source)} then
 * {@code encode(target) + EOS}. Source and target are encoded separately and their ids concatenated, so the boundary
 * between prompt and answer is exact; the prompt format decides the separator (the {@code optiml} format's target
 * starts with the space that joins it to the prompt), and nothing is inserted here. Scoring at evaluation time
 * splits prompt and continuation the same way.
 */
public final class ExampleEncoder {
    private final Tokenizer tokenizer;

    /** @param tokenizer the model's tokenizer */
    public ExampleEncoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * @param example a rendered example
     * @return its ids
     * @throws IllegalArgumentException when the target is empty (there would be nothing to learn but EOS)
     */
    public EncodedExample encode(TrainingExample example) {
        if (example.target().isEmpty()) {
            throw new IllegalArgumentException("an example of task " + example.taskId() + " has an empty target");
        }
        List<Integer> source = tokenizer.encodeWithBos(example.source());
        List<Integer> target = tokenizer.encode(example.target());
        int[] s = source.stream().mapToInt(Integer::intValue).toArray();
        int[] t = new int[target.size() + 1];
        for (int i = 0; i < target.size(); i++) {
            t[i] = target.get(i);
        }
        t[target.size()] = tokenizer.eosId();
        return new EncodedExample(example.taskId(), s, t);
    }
}
