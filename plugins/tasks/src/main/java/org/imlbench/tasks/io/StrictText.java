package org.imlbench.tasks.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imlbench.api.TaskLoadException;

/**
 * Reads a text file as strict UTF-8: malformed bytes are an error that names the file and the line, instead of
 * being silently replaced by U+FFFD (which would corrupt instances without anyone noticing).
 */
public final class StrictText {
    private StrictText() {
    }

    /**
     * @param file the file
     * @return its text, without a leading byte-order mark
     * @throws TaskLoadException when the file cannot be read or is not valid UTF-8
     */
    public static String read(Path file) throws TaskLoadException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TaskLoadException(file.toString(), "cannot read: " + e, e);
        }
        return decode(file.toString(), bytes);
    }

    /**
     * Opens a file for reading as strict UTF-8, without a leading byte-order mark. Malformed bytes make a read fail
     * with a {@link java.nio.charset.CharacterCodingException}, which does not say where: {@link #read} on the same
     * file names the line.
     *
     * @param file the file
     * @return a buffered reader
     * @throws TaskLoadException when the file cannot be opened
     */
    public static Reader reader(Path file) throws TaskLoadException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                    1 << 16);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return reader;
        } catch (CharacterCodingException e) {
            throw notUtf8(file, e);
        } catch (IOException e) {
            throw new TaskLoadException(file.toString(), "cannot read: " + e, e);
        }
    }

    /** The error for a file whose first bytes are not UTF-8. */
    private static TaskLoadException notUtf8(Path file, CharacterCodingException e) {
        try {
            read(file);
        } catch (TaskLoadException notUtf8) {
            return notUtf8;
        }
        return new TaskLoadException(file.toString(), "cannot read: " + e, e);
    }

    /**
     * @param name the file name for messages
     * @param bytes the file's bytes
     * @return the decoded text, without a leading byte-order mark
     * @throws TaskLoadException naming the line of the first malformed byte
     */
    public static String decode(String name, byte[] bytes) throws TaskLoadException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new TaskLoadException(name, "line " + lineAt(bytes, at) + ": invalid UTF-8 byte 0x"
                    + String.format("%02x", bytes[at] & 0xff) + " at byte offset " + at);
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
