package org.imlbench.djl.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.Token;
import org.imlbench.api.TokenLogProb;
import org.imlbench.api.TokenSplit;
import org.imlbench.api.TokenView;
import org.imlbench.djl.inference.RequestTokenizer;
import org.imlbench.hf.tokenizer.Tokenizer;

/** The {@code djl} model's tokens: its tokenizer, the split scoring uses, and per-token log-probabilities. */
final class DjlTokenView implements TokenView {
    private final Tokenizer tokenizer;
    private final RequestTokenizer requests;
    private final List<Replica> replicas;
    private final int maxPositions;
    private final int vocabularySize;

    DjlTokenView(Tokenizer tokenizer, RequestTokenizer requests, List<Replica> replicas, int maxPositions,
                 int vocabularySize) {
        this.tokenizer = tokenizer;
        this.requests = requests;
        this.replicas = List.copyOf(replicas);
        this.maxPositions = maxPositions;
        this.vocabularySize = vocabularySize;
    }

    @Override
    public int maxLength() {
        return maxPositions;
    }

    /** The embedding's rows, which may exceed the tokenizer's ids (OPT pads its vocabulary to 50272). */
    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public List<Integer> encode(String text) {
        return List.copyOf(tokenizer.encodeWithBos(text));
    }

    @Override
    public String decode(List<Integer> ids) {
        return tokenizer.decode(ids);
    }

    /**
     * Offsets count the code points completed before each token: the bytes are decoded as a stream, so a character
     * split over several tokens is counted once, at the token that completes it.
     */
    @Override
    public List<Token> tokens(List<Integer> ids) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer pending = ByteBuffer.allocate(16);
        CharBuffer chars = CharBuffer.allocate(64);
        List<Token> out = new ArrayList<>(ids.size());
        int offset = 0;
        for (int id : ids) {
            byte[] bytes = tokenizer.bytes(id);
            out.add(new Token(id, new String(bytes, StandardCharsets.UTF_8), offset));
            if (pending.remaining() < bytes.length) {
                ByteBuffer bigger = ByteBuffer.allocate(pending.position() + bytes.length + 16);
                pending.flip();
                bigger.put(pending);
                pending = bigger;
            }
            pending.put(bytes);
            pending.flip();
            if (chars.capacity() < 2 * pending.remaining()) {
                chars = CharBuffer.allocate(2 * pending.remaining() + 16);
            }
            chars.clear();
            decoder.decode(pending, chars, false);
            chars.flip();
            offset += Character.codePointCount(chars, 0, chars.length());
            pending.compact();
        }
        return List.copyOf(out);
    }

    @Override
    public TokenSplit split(String context, String continuation) {
        RequestTokenizer.Split split = requests.split(context, continuation);
        return new TokenSplit(boxed(split.context()), boxed(split.continuation()));
    }

    @Override
    public List<List<TokenLogProb>> logProbs(List<List<Integer>> sequences, ProgressListener progress)
            throws IOException {
        List<int[]> ids = sequences.stream().map(s -> s.stream().mapToInt(Integer::intValue).toArray()).toList();
        long[] done = new long[1];
        return DataParallel.run(replicas.size(), ids.size(), (k, indices) -> {
            List<int[]> share = Arrays.stream(indices).mapToObj(ids::get).toList();
            return replicas.get(k).promptScorer().score(share, local -> {
                synchronized (done) {
                    progress.progress(++done[0], ids.size());
                }
            });
        });
    }

    private static List<Integer> boxed(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }
}
