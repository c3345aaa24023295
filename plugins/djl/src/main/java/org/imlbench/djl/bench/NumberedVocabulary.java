package org.imlbench.djl.bench;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.hf.tokenizer.Tokenizer;

/**
 * The tokenizer of the benchmark's random checkpoint, whose vocabulary has no text: a token is written as its id,
 * tokens separated by spaces. It has no end-of-sequence id, so generation always runs to its token limit and every
 * run does the same work.
 */
final class NumberedVocabulary implements Tokenizer {
    private final int vocabSize;

    NumberedVocabulary(int vocabSize) {
        this.vocabSize = vocabSize;
    }

    @Override
    public List<Integer> encode(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                ids.add(Integer.parseInt(part));
            }
        }
        return ids;
    }

    @Override
    public String decode(List<Integer> ids) {
        StringBuilder b = new StringBuilder();
        for (int id : ids) {
            b.append(b.length() == 0 ? "" : " ").append(id);
        }
        return b.toString();
    }

    @Override
    public int bosId() {
        return 2;
    }

    @Override
    public int eosId() {
        return -1;
    }

    @Override
    public int padId() {
        return 1;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }
}
