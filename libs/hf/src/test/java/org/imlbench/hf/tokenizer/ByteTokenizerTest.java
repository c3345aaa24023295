package org.imlbench.hf.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded model's byte tokenizer and its marker file. */
class ByteTokenizerTest {
    @TempDir
    Path tmp;

    @Test
    void mapsBytesAfterTheSpecialIds() throws IOException {
        ByteTokenizer.writeTo(tmp);
        Tokenizer t = Tokenizers.load(tmp);
        assertTrue(t instanceof ByteTokenizer);
        assertEquals(260, t.vocabSize());
        assertEquals(List.of(2, 4 + 'A', 4 + 0xc3, 4 + 0xa9), t.encodeWithBos("Aé"));
        assertEquals(List.of(4), t.encode("\0"));
        String text = "héllo 世界 🙂\n\t</s>";
        assertEquals(text, t.decode(t.encode(text)));
        assertEquals("ab", t.decode(List.of(0, 1, 4 + 'a', 2, 3, 300, 4 + 'b')));
        assertEquals(1, t.padId());
        assertEquals(2, t.eosId());
    }

    @Test
    void rejectsAnUnknownMarker() throws IOException {
        Files.writeString(tmp.resolve(ByteTokenizer.FILE_NAME), "{\"type\": \"words\"}");
        IOException e = assertThrows(IOException.class, () -> Tokenizers.load(tmp));
        assertTrue(e.getMessage().contains(ByteTokenizer.FILE_NAME) && e.getMessage().contains("words"));
    }
}
