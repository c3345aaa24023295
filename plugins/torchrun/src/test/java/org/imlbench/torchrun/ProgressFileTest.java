package org.imlbench.torchrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.imlbench.api.TuningProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileTest {
    @TempDir
    Path temp;

    private static String line(int step, double loss) {
        return "{\"step\": " + step + ", \"loss\": " + loss + ", \"lr\": 0.001, \"grad_norm\": 1.5, "
                + "\"tokens_per_second\": 250.0, \"target_tokens\": 12}\n";
    }

    private void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<Integer> steps(List<TuningProgress> points) {
        return points.stream().map(TuningProgress::step).toList();
    }

    @Test
    void reportsCompleteLinesOnceAndFollowsAReplacedFile() throws IOException {
        Path file = temp.resolve("progress.jsonl");
        ProgressFile progress = new ProgressFile(file, 5, new ObjectMapper());
        assertEquals(List.of(), progress.poll(), "no file yet");

        append(file, line(1, 2.5) + line(2, 2.25).substring(0, 20));
        List<TuningProgress> first = progress.poll();
        assertEquals(List.of(new TuningProgress(1, 5, 2.5, 0.001, 250.0)), first);
        append(file, line(2, 2.25).substring(20) + line(3, 2.0));
        assertEquals(List.of(2, 3), steps(progress.poll()), "the half-written line is read once complete");
        assertEquals(List.of(), progress.poll());

        // a resumed trainer replaces the file with its state's curve (steps 1-2), then appends step 3 again
        Path replacement = temp.resolve("progress.jsonl.tmp");
        Files.writeString(replacement, line(1, 2.5) + line(2, 2.25));
        Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals(List.of(), progress.poll(), "steps already reported are not reported again");
        append(file, line(3, 2.0) + line(4, 1.75));
        assertEquals(List.of(4), steps(progress.poll()));
        assertEquals(List.of(1, 2, 3, 4), steps(progress.readAll()));
    }

    @Test
    void aSkippedHalfPrecisionStepHasNoLossAndGarbageIsNamed() throws IOException {
        Path file = temp.resolve("progress.jsonl");
        Files.writeString(file, "{\"step\": 1, \"loss\": null, \"lr\": 0.1, \"grad_norm\": null, \"skipped\": true, "
                + "\"tokens_per_second\": 9.0, \"target_tokens\": 3}\n");
        ProgressFile progress = new ProgressFile(file, 2, new ObjectMapper());
        assertTrue(Double.isNaN(progress.poll().get(0).loss()));
        append(file, "Traceback (most recent call last):\n");
        IOException e = assertThrows(IOException.class, progress::poll);
        assertTrue(e.getMessage().startsWith(file + ": not a progress line: Traceback"), e.getMessage());
    }
}
