package org.imlbench.hf.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Text to OPT token ids and back. OPT's tokenizer is GPT-2's byte-level BPE; the embedded default model uses a
 * byte-level tokenizer of the project's own with the same special ids.
 */
public interface Tokenizer {
    /**
     * Encodes text without any special token.
     *
     * @param text any string
     * @return the token ids
     */
    List<Integer> encode(String text);

    /**
     * Encodes text as the model reads it: {@code </s>} ({@link #bosId()}) first, then {@link #encode}.
     *
     * @param text any string
     * @return the token ids, starting with the BOS id
     */
    default List<Integer> encodeWithBos(String text) {
        List<Integer> body = encode(text);
        ArrayList<Integer> ids = new ArrayList<>(body.size() + 1);
        ids.add(bosId());
        ids.addAll(body);
        return ids;
    }

    /**
     * Decodes ids back to text; special tokens are skipped.
     *
     * @param ids token ids
     * @return the text; {@code decode(encode(s)).equals(s)} for every string s
     */
    String decode(List<Integer> ids);

    /**
     * The UTF-8 bytes one id stands for, so that callers can locate tokens in decoded text even where a character is
     * split over several tokens. The default decodes the id alone, which is exact for ids that hold whole characters.
     *
     * @param id a token id
     * @return its bytes; empty for special ids and ids without text
     */
    default byte[] bytes(int id) {
        return decode(List.of(id)).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the beginning-of-sequence id (OPT: 2, {@code </s>}) */
    int bosId();

    /** @return the end-of-sequence id (OPT: 2, {@code </s>}) */
    int eosId();

    /** @return the padding id (OPT: 1) */
    int padId();

    /** @return the number of ids */
    int vocabSize();
}
