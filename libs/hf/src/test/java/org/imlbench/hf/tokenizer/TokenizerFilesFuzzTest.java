package org.imlbench.hf.tokenizer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imlbench.testkit.FuzzParts;
import org.imlbench.testkit.ParserContract;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz targets for tokenizer files: {@code vocab.json} + {@code merges.txt}, and {@code tokenizer.json}. An input is
 * the file(s) and a text, separated by NUL bytes. Loading gives a tokenizer or an {@code IOException} naming the file;
 * a loaded tokenizer encodes any text without failing, into ids below its vocabulary size, and (from vocab + merges)
 * decodes them back to exactly that text.
 */
class TokenizerFilesFuzzTest {
    private static final String TEXT = "Hello world, it's 2024!\n\t</s> naïve café 日本 🙂";

    @TempDir
    Path dir;

    @MethodSource("vocabAndMergesSeeds")
    @FuzzTest
    @Timeout(60)
    void vocabAndMerges(byte[] input) throws IOException {
        List<byte[]> parts = FuzzParts.split(input, 3);
        Files.write(dir.resolve(Tokenizers.VOCAB_JSON), parts.get(0));
        Files.write(dir.resolve(Tokenizers.MERGES_TXT), parts.get(1));
        String text = new String(parts.get(2), StandardCharsets.UTF_8);
        ParserContract.of(IOException.class, dir.toString()).check(input.length, () -> {
            Tokenizer tokenizer = Tokenizers.load(dir);
            List<Integer> ids = encodeWithinVocabulary(tokenizer, text);
            String back = tokenizer.decode(ids);
            if (!back.equals(text)) {
                throw new AssertionError("decode(encode(s)) != s: " + ids + " gave '" + back + "'");
            }
        });
    }

    @MethodSource("tokenizerJsonSeeds")
    @FuzzTest
    @Timeout(60)
    void tokenizerJson(byte[] input) throws IOException {
        List<byte[]> parts = FuzzParts.split(input, 2);
        Files.write(dir.resolve(Tokenizers.TOKENIZER_JSON), parts.get(0));
        String text = new String(parts.get(1), StandardCharsets.UTF_8);
        ParserContract.of(IOException.class, dir.toString()).check(input.length, () -> {
            Tokenizer tokenizer = Tokenizers.load(dir);
            tokenizer.decode(encodeWithinVocabulary(tokenizer, text));
        });
    }

    private static List<Integer> encodeWithinVocabulary(Tokenizer tokenizer, String text) {
        List<Integer> ids = tokenizer.encodeWithBos(text);
        for (int id : ids) {
            if (id < 0 || id >= tokenizer.vocabSize()) {
                throw new AssertionError("id " + id + " outside the vocabulary of " + tokenizer.vocabSize());
            }
        }
        return ids;
    }

    static List<byte[]> vocabAndMergesSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        Optional<Small> small = Small.fromShared();
        if (small.isPresent()) {
            seeds.add(FuzzParts.join(small.get().vocab().toString(), String.join("\n", small.get().merges()), TEXT));
        }
        return seeds;
    }

    static List<byte[]> tokenizerJsonSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        Optional<Small> small = Small.fromShared();
        if (small.isPresent()) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            String[] specials = {"<s>", "<pad>", "</s>", "<unk>"};
            for (int i = 0; i < specials.length; i++) {
                root.withArrayProperty("added_tokens").addObject().put("id", i).put("content", specials[i])
                        .put("special", true);
            }
            root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false);
            ObjectNode model = root.putObject("model");
            model.put("type", "BPE");
            model.set("vocab", small.get().vocab());
            small.get().merges().stream().skip(1).forEach(m -> model.withArrayProperty("merges").add(m));
            seeds.add(FuzzParts.join(root.toString(), TEXT));
        }
        return seeds;
    }

    /**
     * A small cut of OPT's real tokenizer: its first merges, the tokens they make, every single-character token and
     * the special tokens, with their real ids.
     */
    private record Small(ObjectNode vocab, List<String> merges) {
        private static final int MERGES = 300;

        static Optional<Small> fromShared() throws IOException {
            Optional<Path> dir = SharedData.dataIfPresent("opt-tokenizer");
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            JsonNode full = new ObjectMapper().readTree(dir.get().resolve(Tokenizers.VOCAB_JSON).toFile());
            List<String> merges = Files.readAllLines(dir.get().resolve(Tokenizers.MERGES_TXT)).subList(0, MERGES + 1);
            Set<String> keep = new HashSet<>(List.of("<s>", "<pad>", "</s>", "<unk>"));
            for (String m : merges.subList(1, merges.size())) {
                String[] pair = m.split(" ");
                keep.addAll(List.of(pair[0], pair[1], pair[0] + pair[1]));
            }
            ObjectNode vocab = new ObjectMapper().createObjectNode();
            for (Map.Entry<String, JsonNode> e : full.properties()) {
                if (e.getKey().length() == 1 || keep.contains(e.getKey())) {
                    vocab.set(e.getKey(), e.getValue());
                }
            }
            return Optional.of(new Small(vocab, merges));
        }
    }
}
