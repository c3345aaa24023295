package org.imlbench.hf.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imlbench.files.IoErrors;

/**
 * Loads the tokenizer of a checkpoint directory: the project's byte tokenizer when {@value ByteTokenizer#FILE_NAME}
 * is present, else {@code tokenizer.json}, else {@code vocab.json} + {@code merges.txt}.
 */
public final class Tokenizers {
    /** Hugging Face's single-file tokenizer. */
    public static final String TOKENIZER_JSON = "tokenizer.json";
    /** GPT-2 BPE vocabulary. */
    public static final String VOCAB_JSON = "vocab.json";
    /** GPT-2 BPE merges. */
    public static final String MERGES_TXT = "merges.txt";

    private Tokenizers() {
    }

    /**
     * @param checkpointDir a checkpoint directory
     * @return its tokenizer
     * @throws IOException when no tokenizer file is present or one is malformed; the message names the files
     */
    public static Tokenizer load(Path checkpointDir) throws IOException {
        Path marker = checkpointDir.resolve(ByteTokenizer.FILE_NAME);
        if (Files.isRegularFile(marker)) {
            checkByteMarker(marker);
            return new ByteTokenizer();
        }
        if (Files.isRegularFile(checkpointDir.resolve(TOKENIZER_JSON))) {
            return BpeFiles.fromTokenizerJson(checkpointDir.resolve(TOKENIZER_JSON));
        }
        Path vocab = checkpointDir.resolve(VOCAB_JSON);
        Path merges = checkpointDir.resolve(MERGES_TXT);
        if (Files.isRegularFile(vocab) && Files.isRegularFile(merges)) {
            return BpeFiles.fromVocabAndMerges(vocab, merges);
        }
        if (Files.isRegularFile(vocab) || Files.isRegularFile(merges)) {
            throw new IOException(checkpointDir + ": " + (Files.isRegularFile(vocab) ? MERGES_TXT : VOCAB_JSON)
                    + " is missing (GPT-2 BPE needs both vocab.json and merges.txt)");
        }
        throw new IOException(checkpointDir + ": no tokenizer found (looked for " + ByteTokenizer.FILE_NAME + ", "
                + TOKENIZER_JSON + ", " + VOCAB_JSON + " + " + MERGES_TXT + ")");
    }

    /**
     * @param vocabJson a GPT-2 vocab.json
     * @param mergesTxt its merges.txt
     * @return OPT's tokenizer over them
     * @throws IOException when a file is missing or malformed
     */
    public static GptBpeTokenizer gptBpe(Path vocabJson, Path mergesTxt) throws IOException {
        return BpeFiles.fromVocabAndMerges(vocabJson, mergesTxt);
    }

    private static void checkByteMarker(Path marker) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(marker.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(marker + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw IoErrors.naming(marker, "not valid JSON", e);
        }
        if (root == null || !"bytes".equals(root.path("type").asText())) {
            throw new IOException(marker + ": unknown tokenizer type " + (root == null ? null : root.get("type"))
                    + " (expected \"bytes\")");
        }
    }
}
