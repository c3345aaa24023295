package org.imlbench.torchrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.imlbench.api.TuningProgress;

/**
 * Follows the trainer's {@code progress.jsonl} (rank 0 appends one JSON object per optimizer step): each poll reads the
 * complete lines added since the last one and returns the steps not reported yet. A resumed trainer replaces the file
 * with the curve of its saved state; a new file is read from its start, and steps already reported are not reported
 * again.
 */
final class ProgressFile {
    private final Path file;
    private final int totalSteps;
    private final ObjectMapper json;
    private Object fileKey;
    private long offset;
    private int lastStep;

    /**
     * @param file the progress file (it may not exist yet)
     * @param totalSteps steps in the run
     * @param json the mapper
     */
    ProgressFile(Path file, int totalSteps, ObjectMapper json) {
        this.file = file;
        this.totalSteps = totalSteps;
        this.json = json;
    }

    /** @return the file followed */
    Path file() {
        return file;
    }

    /**
     * @return the steps finished since the last poll, in order
     * @throws IOException when the file cannot be read or holds a line that is not a step
     */
    List<TuningProgress> poll() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < offset) {
            fileKey = attributes.fileKey();
            offset = 0;
        }
        if (attributes.size() == offset) {
            return List.of();
        }
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - offset));
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // reads until the buffer is full or the end of the file
            }
            bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        int end = lastNewline(bytes);
        if (end < 0) {
            return List.of();
        }
        offset += end + 1;
        List<TuningProgress> out = new ArrayList<>();
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            TuningProgress p = parse(line);
            if (p.step() > lastStep) {
                out.add(p);
                lastStep = p.step();
            }
        }
        return out;
    }

    /**
     * @return every step the file holds now, from its start
     * @throws IOException when it cannot be read or holds a line that is not a step
     */
    List<TuningProgress> readAll() throws IOException {
        List<TuningProgress> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(parse(line));
            }
        }
        return out;
    }

    private TuningProgress parse(String line) throws IOException {
        JsonNode p;
        try {
            p = json.readTree(line);
        } catch (IOException e) {
            throw new IOException(file + ": not a progress line: " + line, e);
        }
        if (p == null || !p.path("step").isInt() || !p.path("lr").isNumber()) {
            throw new IOException(file + ": not a progress line: " + line);
        }
        // a float16 step skipped on overflow has no loss worth plotting
        double loss = p.path("loss").isNumber() ? p.path("loss").asDouble() : Double.NaN;
        return new TuningProgress(p.get("step").asInt(), totalSteps, loss, p.get("lr").asDouble(),
                p.path("tokens_per_second").asDouble());
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
