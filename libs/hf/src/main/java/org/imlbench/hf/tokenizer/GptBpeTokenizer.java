package org.imlbench.hf.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OPT's tokenizer: GPT-2's byte-level BPE. Text is split by GPT-2's pre-tokenization pattern, each piece's UTF-8
 * bytes are mapped to byte-level characters and merged by BPE. Decoding maps tokens back to bytes, so
 * {@code decode(encode(s)).equals(s)} for every well-formed string.
 *
 * <p>Special-token strings such as {@code </s>} inside the text are encoded as ordinary text (never as control ids),
 * so a prompt cannot inject an end-of-sequence and the round trip stays exact.
 */
public final class GptBpeTokenizer implements Tokenizer {
    /** GPT-2's pre-tokenization; \s, \p{L} and \p{N} are Unicode classes as in the reference implementation. */
    private static final Pattern PRE_TOKENIZE = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private final ByteLevelAlphabet alphabet = new ByteLevelAlphabet();
    private final BpeModel bpe;
    /**
     * Each id's UTF-8 bytes, built once (decoding runs after every generated token); a map, not an array, since a
     * vocabulary's ids may be sparse (HF added tokens).
     */
    private final Map<Integer, byte[]> tokenBytes;
    private final int vocabSize;
    private final Set<Integer> specialIds;
    private final boolean addPrefixSpace;
    private final int bosId;
    private final int eosId;
    private final int padId;

    /**
     * @param vocab token to id
     * @param merges merge pairs in rank order
     * @param specialIds ids decode skips
     * @param addPrefixSpace whether a space is put before text that does not start with one (GPT-2 default false)
     * @param bosId beginning-of-sequence id
     * @param eosId end-of-sequence id
     * @param padId padding id
     */
    GptBpeTokenizer(Map<String, Integer> vocab, List<String[]> merges, Set<Integer> specialIds,
                    boolean addPrefixSpace, int bosId, int eosId, int padId) {
        Map<String, Integer> copy = Collections.unmodifiableMap(new HashMap<>(vocab));
        this.bpe = new BpeModel(copy, merges);
        Map<Integer, byte[]> byId = new HashMap<>(copy.size() * 2);
        copy.forEach((token, id) -> byId.put(id, toBytes(token)));
        this.tokenBytes = Collections.unmodifiableMap(byId);
        this.vocabSize = copy.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        this.specialIds = Set.copyOf(specialIds);
        this.addPrefixSpace = addPrefixSpace;
        this.bosId = bosId;
        this.eosId = eosId;
        this.padId = padId;
    }

    @Override
    public List<Integer> encode(String text) {
        String input = addPrefixSpace && !text.isEmpty() && text.charAt(0) != ' ' ? " " + text : text;
        List<Integer> ids = new ArrayList<>(input.length() / 3 + 1);
        Matcher m = PRE_TOKENIZE.matcher(input);
        StringBuilder word = new StringBuilder();
        while (m.find()) {
            word.setLength(0);
            for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
                word.append(alphabet.charOf(b));
            }
            for (int id : bpe.encode(word.toString())) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Override
    public String decode(List<Integer> ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            byte[] token = tokenBytes.get(id);
            if (token != null && !specialIds.contains(id)) {
                // special ids and ids beyond the vocabulary (OPT's embedding has padding rows) carry no text
                bytes.writeBytes(token);
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        return addPrefixSpace && text.startsWith(" ") ? text.substring(1) : text;
    }

    @Override
    public byte[] bytes(int id) {
        byte[] token = tokenBytes.get(id);
        // special ids and ids beyond the vocabulary (OPT's embedding has padding rows) carry no text
        return token == null || specialIds.contains(id) ? new byte[0] : token.clone();
    }

    private byte[] toBytes(String token) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            int b = alphabet.byteOf(token.charAt(i));
            if (b >= 0) {
                bytes.write(b);
            } else {
                bytes.writeBytes(String.valueOf(token.charAt(i)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public int bosId() {
        return bosId;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }
}
