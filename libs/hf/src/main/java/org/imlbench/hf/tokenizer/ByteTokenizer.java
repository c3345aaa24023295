package org.imlbench.hf.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded default model's tokenizer: one token per UTF-8 byte ({@code 4 + byte}) after OPT's four special ids
 * ({@code <s>}=0, {@code <pad>}=1, {@code </s>}=2, {@code <unk>}=3), 260 ids in all. It needs no vocabulary file, so
 * a checkpoint records it with the small {@link #FILE_NAME} marker.
 */
public final class ByteTokenizer implements Tokenizer {
    /** The file that marks a checkpoint as using this tokenizer. */
    public static final String FILE_NAME = "imlbench-tokenizer.json";
    /** The marker file's content. */
    public static final String FILE_CONTENT = "{\"type\": \"bytes\", \"vocab_size\": 260}\n";
    /** The first id that stands for a byte. */
    public static final int BYTE_OFFSET = 4;
    /** Number of ids. */
    public static final int VOCAB_SIZE = BYTE_OFFSET + 256;

    @Override
    public List<Integer> encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Integer> ids = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            ids.add(BYTE_OFFSET + (b & 0xff));
        }
        return ids;
    }

    @Override
    public String decode(List<Integer> ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.size());
        for (int id : ids) {
            if (id >= BYTE_OFFSET && id < VOCAB_SIZE) {
                bytes.write(id - BYTE_OFFSET);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] bytes(int id) {
        return id >= BYTE_OFFSET && id < VOCAB_SIZE ? new byte[] {(byte) (id - BYTE_OFFSET)} : new byte[0];
    }

    @Override
    public int bosId() {
        return 2;
    }

    @Override
    public int eosId() {
        return 2;
    }

    @Override
    public int padId() {
        return 1;
    }

    @Override
    public int vocabSize() {
        return VOCAB_SIZE;
    }

    /**
     * Records this tokenizer in a checkpoint directory.
     *
     * @param dir the directory
     * @throws IOException when the file cannot be written
     */
    public static void writeTo(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE_NAME), FILE_CONTENT);
    }
}
