package org.imlbench.djl.inference;

import java.util.List;

/** A language model that can show how it tokenizes, for {@code harness score} and {@code harness generate}. */
public interface TokenizedModel {
    /**
     * @param context the conditioning text
     * @param continuation the scored text
     * @return the ids the model scores: context ids (BOS first) and continuation ids
     */
    TokenSplit split(String context, String continuation);

    /**
     * @param prompt a prompt
     * @return its ids, BOS first
     */
    List<Integer> promptIds(String prompt);
}
