package org.imlbench.hf.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imlbench.files.IoErrors;

/** Reads GPT-2 BPE tokenizers from {@code vocab.json} + {@code merges.txt} or from a {@code tokenizer.json}. */
final class BpeFiles {
    /** OPT's special tokens; decode skips them. */
    private static final List<String> SPECIAL_TOKENS = List.of("<s>", "<pad>", "</s>", "<unk>");

    private BpeFiles() {
    }

    static GptBpeTokenizer fromVocabAndMerges(Path vocabJson, Path mergesTxt) throws IOException {
        Map<String, Integer> vocab = vocab(vocabJson, readJson(vocabJson));
        List<String[]> merges = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(mergesTxt, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isEmpty() || (number == 1 && line.startsWith("#version"))) {
                    continue;
                }
                merges.add(pair(mergesTxt, number, line));
            }
        } catch (CharacterCodingException e) {
            throw new IOException(mergesTxt + ": not valid UTF-8 text", e);
        }
        return build(vocabJson, vocab, merges, Set.of(), false);
    }

    static GptBpeTokenizer fromTokenizerJson(Path file) throws IOException {
        JsonNode root = readJson(file);
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText("BPE")) || !model.has("vocab") || !model.has("merges")) {
            throw new IOException(file + ": model is not a BPE model with vocab and merges");
        }
        checkByteLevel(file, root.path("pre_tokenizer"));
        Map<String, Integer> vocab = vocab(file, model.get("vocab"));
        Set<Integer> special = new HashSet<>();
        for (JsonNode added : root.path("added_tokens")) {
            JsonNode content = added.path("content");
            JsonNode id = added.path("id");
            if (!content.isTextual() || content.textValue().isEmpty() || !id.canConvertToInt() || id.intValue() < 0) {
                throw new IOException(file + ": added token " + added + " needs a non-empty content and an id >= 0");
            }
            vocab.put(content.textValue(), id.intValue());
            if (added.path("special").asBoolean(false)) {
                special.add(id.intValue());
            }
        }
        List<String[]> merges = new ArrayList<>();
        int number = 0;
        for (JsonNode merge : model.get("merges")) {
            number++;
            if (merge.isArray() && merge.size() == 2) {
                merges.add(new String[] {merge.get(0).asText(), merge.get(1).asText()});
            } else {
                merges.add(pair(file, number, merge.asText()));
            }
        }
        return build(file, vocab, merges, special, prefixSpace(root.path("pre_tokenizer")));
    }

    private static void checkByteLevel(Path file, JsonNode pre) throws IOException {
        if (pre.isMissingNode() || pre.isNull()) {
            return;
        }
        String type = pre.path("type").asText();
        boolean byteLevel = type.equals("ByteLevel");
        if (type.equals("Sequence")) {
            for (JsonNode p : pre.path("pretokenizers")) {
                byteLevel |= p.path("type").asText().equals("ByteLevel");
            }
        }
        if (!byteLevel) {
            throw new IOException(file + ": pre_tokenizer '" + type + "' is not GPT-2's ByteLevel");
        }
    }

    private static boolean prefixSpace(JsonNode pre) {
        if (pre.path("type").asText().equals("Sequence")) {
            for (JsonNode p : pre.path("pretokenizers")) {
                if (p.path("type").asText().equals("ByteLevel")) {
                    return p.path("add_prefix_space").asBoolean(false);
                }
            }
        }
        return pre.path("add_prefix_space").asBoolean(false);
    }

    private static GptBpeTokenizer build(Path file, Map<String, Integer> vocab, List<String[]> merges,
                                         Set<Integer> special, boolean prefixSpace) throws IOException {
        Set<Integer> skip = new HashSet<>(special);
        for (String s : SPECIAL_TOKENS) {
            if (vocab.containsKey(s)) {
                skip.add(vocab.get(s));
            }
        }
        checkIds(file, vocab);
        ByteLevelAlphabet alphabet = new ByteLevelAlphabet();
        for (int b = 0; b < 256; b++) {
            // byte-level BPE starts every word from these; without one, some text could not be encoded at all
            if (!vocab.containsKey(String.valueOf(alphabet.charOf((byte) b)))) {
                throw new IOException(file + ": the vocabulary has no token for byte 0x" + String.format("%02x", b)
                        + " ('" + alphabet.charOf((byte) b) + "'); GPT-2 byte-level BPE needs all 256");
            }
        }
        Integer eos = vocab.get("</s>");
        Integer pad = vocab.get("<pad>");
        if (eos == null || pad == null) {
            throw new IOException(file + ": the vocabulary lacks OPT's special tokens '</s>' and '<pad>'");
        }
        return new GptBpeTokenizer(vocab, merges, skip, prefixSpace, eos, eos, pad);
    }

    /** Two tokens with one id would decode as one of them: the round trip of text would break. */
    private static void checkIds(Path file, Map<String, Integer> vocab) throws IOException {
        Map<Integer, String> byId = new HashMap<>(vocab.size() * 2);
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            if (e.getValue() == Integer.MAX_VALUE) {
                // the vocabulary size, max id + 1, must be an int
                throw new IOException(file + ": token '" + e.getKey() + "' has an id too large: " + e.getValue());
            }
            String other = byId.putIfAbsent(e.getValue(), e.getKey());
            if (other != null) {
                throw new IOException(file + ": tokens '" + other + "' and '" + e.getKey() + "' have the same id "
                        + e.getValue());
            }
        }
    }

    private static String[] pair(Path file, int line, String text) throws IOException {
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1 || text.indexOf(' ', space + 1) >= 0) {
            throw new IOException(file + ": merge " + line + " '" + text + "' is not two tokens separated by a space");
        }
        return new String[] {text.substring(0, space), text.substring(space + 1)};
    }

    private static Map<String, Integer> vocab(Path file, JsonNode node) throws IOException {
        if (!node.isObject()) {
            throw new IOException(file + ": vocabulary is not a JSON object of token to id");
        }
        Map<String, Integer> vocab = new HashMap<>(node.size() * 2);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().canConvertToInt() || e.getValue().intValue() < 0) {
                throw new IOException(file + ": token '" + e.getKey() + "' has an invalid id " + e.getValue());
            }
            vocab.put(e.getKey(), e.getValue().intValue());
        }
        return vocab;
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw IoErrors.naming(file, "not valid JSON", e);
        }
    }
}
