package org.imlbench.hf.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPT's tokenizer against the shared golden ids, from vocab.json + merges.txt and from tokenizer.json. */
class GptBpeTokenizerTest {
    @TempDir
    Path tmp;

    private static Path tokenizerDir() {
        return SharedData.data("opt-tokenizer");
    }

    private static List<JsonNode> golden() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(SharedData.optFixtures().resolve("tokenizer-golden.jsonl"))) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    private static void assertGolden(Tokenizer tokenizer) throws IOException {
        List<JsonNode> lines = golden();
        assertTrue(lines.size() >= 10);
        for (JsonNode line : lines) {
            String text = line.get("text").asText();
            List<Integer> expected = new ArrayList<>();
            line.get("ids").forEach(id -> expected.add(id.asInt()));
            List<Integer> ids = tokenizer.encodeWithBos(text);
            assertEquals(expected, ids, text);
            assertEquals(text, tokenizer.decode(ids));
        }
    }

    @Test
    void matchesGoldenIdsFromVocabAndMerges() throws IOException {
        Tokenizer t = Tokenizers.load(tokenizerDir());
        assertEquals(2, t.bosId());
        assertEquals(2, t.eosId());
        assertEquals(1, t.padId());
        assertEquals(50265, t.vocabSize());
        assertGolden(t);
    }

    @Test
    void matchesGoldenIdsFromTokenizerJson() throws IOException {
        // a tokenizer.json as Hugging Face writes it for OPT, built from the same vocabulary and merges
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode added = root.putArray("added_tokens");
        String[] specials = {"<s>", "<pad>", "</s>", "<unk>"};
        for (int i = 0; i < specials.length; i++) {
            added.addObject().put("id", i).put("content", specials[i]).put("special", true);
        }
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.set("vocab", json.readTree(tokenizerDir().resolve("vocab.json").toFile()));
        ArrayNode merges = model.putArray("merges");
        List<String> lines = Files.readAllLines(tokenizerDir().resolve("merges.txt"));
        for (String line : lines.subList(1, lines.size())) {
            if (merges.size() % 2 == 0) {
                merges.add(line);
            } else {
                // newer tokenizers write each merge as a two-element array
                merges.addArray().add(line.split(" ")[0]).add(line.split(" ")[1]);
            }
        }
        json.writeValue(tmp.resolve("tokenizer.json").toFile(), root);
        assertGolden(Tokenizers.load(tmp));
    }

    @Test
    void decodesEveryStringItEncodes() throws IOException {
        Tokenizer t = Tokenizers.load(tokenizerDir());
        Random random = new Random(11);
        String alphabet = " \t\n\r  aAzZ09'’.,!?-_(){}[]éüßøñ€你好世界🙂👍\u00a0\u2028\u200b\u0301xyz's're";
        for (int i = 0; i < 500; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40);
            while (s.length() < length) {
                s.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            String text = s.toString();
            assertEquals(text, t.decode(t.encode(text)), () -> "round trip of " + text);
        }
        // special-token text stays text; special ids and ids beyond the vocabulary decode to nothing
        assertEquals("a</s>b", t.decode(t.encode("a</s>b")));
        assertTrue(!t.encode("</s>").contains(2));
        assertEquals("Hello", t.decode(List.of(0, 2, 31414, 1, 50270, 3)));
    }

    @Test
    void explainsMissingTokenizerFiles() throws IOException {
        IOException none = assertThrows(IOException.class, () -> Tokenizers.load(tmp));
        assertTrue(none.getMessage().contains("no tokenizer found"), none.getMessage());
        Files.writeString(tmp.resolve("vocab.json"), "{}");
        IOException half = assertThrows(IOException.class, () -> Tokenizers.load(tmp));
        assertTrue(half.getMessage().contains("merges.txt is missing"), half.getMessage());
        Files.writeString(tmp.resolve("merges.txt"), "#version: 0.2\nnot-a-pair\n");
        IOException bad = assertThrows(IOException.class, () -> Tokenizers.load(tmp));
        assertTrue(bad.getMessage().contains("merges.txt: merge 2 'not-a-pair'"), bad.getMessage());
    }

    @Test
    void encodingSpeedQuickCheck() throws IOException {
        // prints a throughput figure (no timed assertion): every BBH task file, tokenized cold then warm
        Tokenizer t = Tokenizers.load(tokenizerDir());
        StringBuilder corpus = new StringBuilder();
        try (var files = Files.list(SharedData.data("bbh/bbh"))) {
            for (Path f : files.sorted().limit(8).toList()) {
                corpus.append(Files.readString(f));
            }
        }
        String text = corpus.toString();
        for (String pass : new String[] {"cold", "warm"}) {
            long start = System.nanoTime();
            int tokens = t.encode(text).size();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("GptBpeTokenizer %s: %d chars -> %d tokens in %.3f s (%.0f tokens/s)%n", pass,
                    text.length(), tokens, seconds, tokens / seconds);
            assertTrue(tokens > text.length() / 10);
        }
    }
}
