package org.imlbench.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imlbench.api.Capability;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelInfo;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.ScoreResult;
import org.imlbench.api.Token;
import org.imlbench.api.TokenLogProb;
import org.imlbench.api.TokenSplit;
import org.imlbench.api.TokenView;

/**
 * A model for server tests whose answers are known without an engine: tokens are UTF-8 bytes ({@code 4 + byte},
 * BOS 2, a window of 16), token i's log-probability is {@code -(id % 5) - 1} and the top token is always 'a' at
 * -0.5; generation repeats "ab". A prompt containing "FAIL" makes the whole backend call throw; every call records
 * its batch size and takes {@code delayMillis}.
 */
final class FakeModel implements LanguageModel, TokenView {
    static final int WINDOW = 16;
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final long delayMillis;

    FakeModel(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    static double logProb(int id) {
        return -(id % 5) - 1.0;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("fake", "fake", "cpu", 0, Map.of());
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public List<ScoreResult> score(List<ScoreRequest> requests, ProgressListener progress) {
        throw new UnsupportedOperationException("the server scores through logProbs");
    }

    @Override
    public List<GenerateResult> generate(List<GenerateRequest> requests, ProgressListener progress)
            throws IOException {
        call(requests.stream().map(GenerateRequest::prompt).toList());
        List<GenerateResult> out = new ArrayList<>();
        for (GenerateRequest r : requests) {
            String text = "ab".repeat(r.maxNewTokens()).substring(0, r.maxNewTokens());
            List<Integer> ids = encodeBody(text);
            GenerateResult result = new GenerateResult.Generated(text, ids, GenerateResult.StopReason.MAX_NEW_TOKENS);
            for (String stop : r.stopSequences()) {
                int at = text.indexOf(stop);
                if (at >= 0) {
                    result = new GenerateResult.Generated(text.substring(0, at), ids.subList(0, at + stop.length()),
                            GenerateResult.StopReason.STOP_SEQUENCE);
                    break;
                }
            }
            out.add(result);
        }
        return out;
    }

    private void call(List<String> prompts) throws IOException {
        batchSizes.add(prompts.size());
        if (prompts.stream().anyMatch(p -> p.contains("FAIL"))) {
            throw new IOException("the fake model refuses FAIL");
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Optional<TokenView> tokens() {
        return Optional.of(this);
    }

    @Override
    public void close() {
    }

    @Override
    public int maxLength() {
        return WINDOW;
    }

    @Override
    public int vocabularySize() {
        return 260;
    }

    @Override
    public List<Integer> encode(String text) {
        List<Integer> ids = new ArrayList<>(List.of(2));
        ids.addAll(encodeBody(text));
        return ids;
    }

    private static List<Integer> encodeBody(String text) {
        List<Integer> ids = new ArrayList<>();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            ids.add(4 + (b & 0xff));
        }
        return ids;
    }

    @Override
    public String decode(List<Integer> ids) {
        byte[] bytes = new byte[ids.size()];
        int n = 0;
        for (int id : ids) {
            if (id >= 4) {
                bytes[n++] = (byte) (id - 4);
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public List<Token> tokens(List<Integer> ids) {
        List<Token> out = new ArrayList<>();
        int offset = 0;
        for (int id : ids) {
            String text = id >= 4 ? decode(List.of(id)) : "";
            out.add(new Token(id, text, offset));
            offset += text.length();
        }
        return out;
    }

    @Override
    public TokenSplit split(String context, String continuation) {
        return new TokenSplit(encode(context), encodeBody(continuation));
    }

    @Override
    public List<List<TokenLogProb>> logProbs(List<List<Integer>> sequences, ProgressListener progress)
            throws IOException {
        call(sequences.stream().map(this::decode).toList());
        List<List<TokenLogProb>> out = new ArrayList<>();
        for (List<Integer> s : sequences) {
            if (s.isEmpty() || s.size() > WINDOW) {
                throw new IllegalArgumentException("a sequence needs 1 to " + WINDOW + " tokens");
            }
            List<TokenLogProb> row = new ArrayList<>();
            for (int i = 1; i < s.size(); i++) {
                row.add(new TokenLogProb(logProb(s.get(i)), 4 + 'a', -0.5));
            }
            out.add(row);
        }
        return out;
    }
}
